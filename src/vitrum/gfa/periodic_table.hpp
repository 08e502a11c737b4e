// Element symbols by atomic number: the one fixed fact the composition parser needs before any data file is read.
#pragma once
#include <string>
#include <string_view>

namespace vitrum::gfa {

inline constexpr int kMaxZ = 118;

// Atomic number of a symbol ("Zr" -> 40), or 0 when the symbol is not an element.
int atomic_number(std::string_view symbol);
// Symbol of an atomic number in 1..kMaxZ; throws Error otherwise.
std::string element_symbol(int z);

}  // namespace vitrum::gfa
