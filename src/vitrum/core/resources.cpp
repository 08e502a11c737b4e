#include "vitrum/core/resources.hpp"

#include <unistd.h>

#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

std::uint64_t physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
}

void check_allocation(const std::string& what, double count, double bytes_each, const std::string& items) {
  const double need = count * bytes_each;  // in double: never overflows, and NaN fails the test below
  const double have = static_cast<double>(physical_memory_bytes());
  if (have <= 0 && std::isfinite(need)) return;
  if (!(need <= have))
    throw Error(fmt::format("{}: {:.4g} {} need about {:.3g} GB, more than this machine's {:.3g} GB of memory", what,
                            count, items, need / 1e9, have / 1e9));
}

}  // namespace vitrum
