// Rosenthal's quasi-steady point source moving on a semi-infinite body: temperature rise and its gradient in closed form.
#pragma once
#include <array>

#include "vitrum/am/thermal_material.hpp"

namespace vitrum::am {

// Source at the origin moving along +x at `speed` on the adiabatic surface z = 0 of the body z < 0;
// ξ = x - v t is the distance ahead of the source. θ = q / (2π k R) exp(-v (ξ + R) / (2α)), R = |(ξ, y, z)|,
// q = absorbed power (Rosenthal 1946; the factor 2π, not 4π, is the half-space).
double rosenthal_rise(const ThermalMaterial& m, double absorbed_power_w, double speed, double xi, double y, double z);

// ∇θ = (∂ξ, ∂y, ∂z) of rosenthal_rise, analytic.
std::array<double, 3> rosenthal_gradient(const ThermalMaterial& m, double absorbed_power_w, double speed, double xi, double y,
                                         double z);

// Net energy flux (conduction -k∇θ plus advection -ρc v θ e_ξ in the source frame) out of the hemisphere of
// radius r around the source, by Gauss–Legendre quadrature on `n` × 2n nodes: equals the absorbed power.
double rosenthal_hemisphere_flux(const ThermalMaterial& m, double absorbed_power_w, double speed, double r, int n = 48);

}  // namespace vitrum::am
