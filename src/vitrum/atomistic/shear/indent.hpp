// Athermal quasistatic nanoindentation of a slab by a spherical indenter: displacement steps of the indenter into the
// free surface, each followed by a minimisation with the slab's base frozen, then steps back out (unloading).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

struct IndentOptions {
  int axis = 2;                          // the surface normal; the indenter comes down from the + side
  double radius = 0;                     // R [length]
  double stiffness = 0;                  // K of F = K (R − r)² [energy/length³]
  double max_depth = 0;                  // depth reached at the end of loading [length]
  double depth_step = 0;                 // indenter displacement per step [length]
  std::int64_t unload_steps = 0;         // steps back out after max_depth (0: no unloading)
  std::optional<std::array<double, 2>> center;  // lateral position of the indenter (the two other axes, in order); box centre if unset
  double fixed_thickness = 0;            // atoms within this of the slab's bottom are frozen [length]
  MinimizeOptions minimize;              // cg, ftol 1e-10 unless set
};

struct IndentPoint {
  double depth = 0;                      // h: indenter displacement from first contact with the relaxed surface [length]
  double load = 0;                       // P [force], > 0 pushing
  double energy = 0;                     // total potential energy, indenter included [energy]
  double indenter_energy = 0;            // the indenter's share [energy]
  std::size_t contacts = 0;              // particles inside the sphere
  bool unloading = false;
  std::int64_t iterations = 0;           // minimiser iterations of the step
};

struct IndentResult {
  std::vector<IndentPoint> curve;        // curve[0]: the relaxed slab at first contact (h = 0, P = 0)
  double surface = 0;                    // top of the relaxed slab along the axis (highest atom) [length]
  double bottom = 0;                     // lowest atom [length]
  Vec3 first_contact_center{};           // indenter centre at h = 0
  std::size_t frozen = 0;                // particles held fixed
  bool converged = true;                 // every minimisation reached ftol
  double worst_fmax = 0;
};

// Extends the box by `vacuum` along `axis` above its top face (lo kept, atoms unmoved, their image counts along the
// axis reset to 0): a periodic bulk state becomes a slab with two free surfaces. vacuum = 0 leaves the box alone.
void open_vacuum(System& s, int axis, double vacuum);

// Called with step 0 for the relaxed start, then after every step; return false to stop.
using IndentMonitor = std::function<bool(const IndentPoint& point, std::int64_t step)>;

// The slab must not cross the box boundary along the axis and must leave a gap wider than the neighbour list's reach
// (a free surface). Installs the indenter and the frozen base as s.external for the run and removes them after.
IndentResult run_indent(System& s, const IndentOptions& opt, const IndentMonitor& monitor = {});

}  // namespace vitrum
