#include "vitrum/atomistic/protocol/progress.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

namespace vitrum {

Progress::Progress(std::string label, std::int64_t total, std::int64_t already_done)
    : label_(std::move(label)), total_(total), start_done_(already_done), start_(std::chrono::steady_clock::now()),
      last_print_(start_), tty_(::isatty(STDERR_FILENO) != 0), quiet_(std::getenv("CI") != nullptr) {}

void Progress::update(std::int64_t done) {
  if (quiet_ || total_ <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? (done - start_done_) / elapsed : 0.0;
  const double eta = rate > 0 ? (total_ - done) / rate : 0.0;
  const double frac = static_cast<double>(done) / static_cast<double>(total_);
  if (tty_) {
    if (std::chrono::duration<double>(now - last_print_).count() < 0.2 && done < total_) return;
    last_print_ = now;
    const int width = 30, filled = static_cast<int>(frac * width);
    fmt::print(stderr, "\r{:<18} [{}{}] {:5.1f}%  {:.0f}/s  ETA {:.0f} s   ", label_, std::string(filled, '#'),
               std::string(width - filled, '.'), 100 * frac, rate, eta);
  } else if (frac * 4 >= next_quarter_) {
    while (frac * 4 >= next_quarter_) ++next_quarter_;
    fmt::print(stderr, "{}: {:.0f}% ({}/{}), {:.0f}/s, ETA {:.0f} s\n", label_, 100 * frac, done, total_, rate, eta);
  }
}

void Progress::finish() {
  if (!quiet_ && tty_) fmt::print(stderr, "\n");
}

}  // namespace vitrum
