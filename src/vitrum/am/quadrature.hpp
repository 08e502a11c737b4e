// Gauss–Legendre nodes and weights on [-1, 1], computed once per order (Newton on P_n, Golub–Welsch not needed).
#pragma once
#include <vector>

namespace vitrum::am {

struct GaussRule {
  std::vector<double> x, w;
};

// n-point rule, exact for polynomials of degree 2n - 1; cached, thread-safe.
const GaussRule& gauss_legendre(int n);

}  // namespace vitrum::am
