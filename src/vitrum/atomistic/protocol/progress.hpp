// Progress of long work: a live line with rate and ETA on a terminal, a few plain lines otherwise, nothing in CI.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace vitrum {

class Progress {
 public:
  Progress(std::string label, std::int64_t total, std::int64_t already_done = 0);
  void update(std::int64_t done);
  void finish();

 private:
  std::string label_;
  std::int64_t total_, start_done_;
  std::chrono::steady_clock::time_point start_, last_print_;
  int next_quarter_ = 1;
  bool tty_, quiet_;
};

}  // namespace vitrum
