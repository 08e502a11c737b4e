// Perfect crystals and an icosahedral cluster for the structure-analysis tests.
#pragma once
#include <vector>

#include "vitrum/core/box.hpp"

namespace vitrum::test {

struct Lattice {
  Box box;
  std::vector<Vec3> positions;
};

// n×n×n conventional cubic cells of lattice constant a, origin 0.
Lattice fcc(int n, double a);
Lattice bcc(int n, double a);
// Ideal HCP (c/a = √(8/3)), nearest-neighbour distance a, in an orthorhombic cell of nx × ny × nz
// (a × a√3 × c) blocks of 4 atoms.
Lattice hcp(int nx, int ny, int nz, double a);
// A centre atom (index 0) and the 12 vertices of an icosahedron at distance r, in a cubic box of side L.
Lattice icosahedron(double r, double box_length);

}  // namespace vitrum::test
