// Chemical symbols of the periodic table: names that configurations and potential files carry for atom types.
#pragma once
#include <string>
#include <string_view>

namespace vitrum {

// The symbol of atomic number z (1..118), or "" if there is none.
std::string element_symbol(int z);
// The atomic number of a symbol written as the periodic table writes it ("Cu", not "CU"); 0 if none.
int atomic_number(std::string_view symbol);
inline bool is_element_symbol(std::string_view s) { return atomic_number(s) > 0; }

}  // namespace vitrum
