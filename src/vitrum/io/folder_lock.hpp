// An advisory lock (flock) on an output folder: a second vitrum writing into the same folder is refused, naming
// the holder's PID, instead of splicing its files into the first one's.
#pragma once
#include <filesystem>

namespace vitrum {

class FolderLock {
 public:
  // Locks DIR/vitrum.lock (created if missing) and writes this process's PID into it; throws vitrum::Error
  // "DIR: another vitrum (PID n) is writing into this folder ..." when another process holds it.
  explicit FolderLock(const std::filesystem::path& dir);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace vitrum
