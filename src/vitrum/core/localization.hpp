// The one localisation index of every scale (AQS D2min, EPM plastic strain, continuum plastic strain): how much of a
// slab profile's weight sits in few slabs.
#pragma once
#include <span>

namespace vitrum {

// A profile p_k >= 0 of n slabs (a field averaged over slabs parallel to a candidate band) has participation ratio
// PR = (Σp)² / Σp², the number of slabs that carry it. The index is
//     localization_index = 1 − PR/n = CV² / (1 + CV²),   CV = std(p) / mean(p),
// 0 for a uniform profile, 1 − w/L for all of it spread evenly over a band of w slabs out of L, and 1 − 1/n for one
// slab. It reads the whole profile (not only its peak), so one noisy slab moves it little, and it is bounded, so the
// scales compare on one axis; each scale's band_detected threshold is on this number (docs/analysis.md).
// Zero when the profile carries no weight (Σp² = 0) or has fewer than two slabs.
[[nodiscard]] double localization_index(std::span<const double> profile);

}  // namespace vitrum
