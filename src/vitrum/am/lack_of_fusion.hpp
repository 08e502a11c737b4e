// Lack of fusion between tracks and layers: the Tang–Pistorius–Beuth criterion and a geometric porosity estimate.
#pragma once

namespace vitrum::am {

// (h/W)² + (t/D)²: above 1 the point half-way between two tracks, one layer down, is never melted
// (melt-pool cross-section a half-ellipse of width W and depth D; Tang, Pistorius & Beuth, Addit. Manuf. 14, 39 (2017)).
double lack_of_fusion_ratio(double hatch_m, double layer_m, double width_m, double depth_m);
inline bool lack_of_fusion(double hatch_m, double layer_m, double width_m, double depth_m) {
  return lack_of_fusion_ratio(hatch_m, layer_m, width_m, depth_m) > 1.0;
}

// Area fraction of the periodic cross-section (hatch × layer) that no melt pool covers: half-ellipses of width W
// and depth D hanging from every layer surface at every hatch position (tracks of successive layers aligned, the
// geometry of Tang et al.), sampled on a grid of `resolution`² points. 0 when the criterion ratio is ≤ 1.
double lack_of_fusion_porosity(double hatch_m, double layer_m, double width_m, double depth_m, int resolution = 200);

}  // namespace vitrum::am
