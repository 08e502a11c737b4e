#include "vitrum/core/particles.hpp"

#include <algorithm>

namespace vitrum {

void Particles::resize(std::size_t n) {
  position.resize(n);
  velocity.resize(n);
  force.resize(n);
  type.resize(n, 1);
  diameter.resize(n, 0.0);
  mass.resize(n, 1.0);
  image.resize(n, Int3{0, 0, 0});
  id.resize(n, 0);
}

namespace {
template <class T>
void permute(std::vector<T>& v, const std::vector<std::size_t>& order) {
  std::vector<T> out(v.size());
  for (std::size_t k = 0; k < order.size(); ++k) out[k] = v[order[k]];
  v.swap(out);
}
}  // namespace

void Particles::reorder(const std::vector<std::size_t>& order) {
  permute(position, order);
  permute(velocity, order);
  permute(force, order);
  permute(type, order);
  permute(diameter, order);
  permute(mass, order);
  permute(image, order);
  permute(id, order);
}

int Particles::max_type() const {
  return type.empty() ? 0 : *std::max_element(type.begin(), type.end());
}

bool Particles::has_diameters() const {
  return std::any_of(diameter.begin(), diameter.end(), [](double d) { return d > 0.0; });
}

}  // namespace vitrum
