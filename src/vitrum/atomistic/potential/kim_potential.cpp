#include "vitrum/atomistic/potential/kim_potential.hpp"

// The simulator side of the KIM API 2 (kim-api.org, "KIM API simulator interface"; the KIM API's own
// example simulator and LAMMPS's pair_style kim were read to learn the call sequence, no code taken).
#include <KIM_Log.hpp>
#include <KIM_ModelDriverCreate.hpp>
#include <KIM_SimulatorHeaders.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <mutex>
#include <optional>

#include "vitrum/core/elements.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

namespace {

namespace fs = std::filesystem;

// Standard atomic weights (g/mol) of elements 1..118, as ASE 3.22 lists them (IUPAC 2016).
constexpr double kAtomicMass[] = {
    1.008,     4.002602,  6.94,      9.0121831, 10.81,     12.011,     14.007,    15.999,    18.99840316, 20.1797,
    22.98976928, 24.305,  26.9815385, 28.085,   30.973762, 32.06,      35.45,     39.948,    39.0983,   40.078,
    44.955908, 47.867,    50.9415,   51.9961,   54.938044, 55.845,     58.933194, 58.6934,   63.546,    65.38,
    69.723,    72.63,     74.921595, 78.971,    79.904,    83.798,     85.4678,   87.62,     88.90584,  91.224,
    92.90637,  95.95,     97.90721,  101.07,    102.9055,  106.42,     107.8682,  112.414,   114.818,   118.71,
    121.76,    127.6,     126.90447, 131.293,   132.905452, 137.327,   138.90547, 140.116,   140.90766, 144.242,
    144.91276, 150.36,    151.964,   157.25,    158.92535, 162.5,      164.93033, 167.259,   168.93422, 173.054,
    174.9668,  178.49,    180.94788, 183.84,    186.207,   190.23,     192.217,   195.084,   196.966569, 200.592,
    204.38,    207.2,     208.9804,  208.98243, 209.98715, 222.01758,  223.01974, 226.02541, 227.02775, 232.0377,
    231.03588, 238.02891, 237.04817, 244.06421, 243.06138, 247.07035,  247.07031, 251.07959, 252.083,   257.09511,
    258.09843, 259.101,   262.11,    267.122,   268.126,   271.134,    270.133,   269.1338,  278.156,   281.165,
    281.166,   285.177,   286.182,   289.19,    289.194,   293.204,    293.208,   294.214};

// One lock around everything that touches KIM's process-wide state: model creation (dlopen, collections,
// the environment variables of model_dir) and the log hook.
std::mutex& kim_mutex() {
  static std::mutex m;
  return m;
}

// KIM writes its log to ./kim.log by default; vitrum keeps only the last error entry, for its own messages.
std::string& kim_last_log() {
  static std::string s;
  return s;
}

int kim_log_print(const std::string& entry) {
  std::string& last = kim_last_log();
  last = entry;
  return 0;
}

// The message of a KIM log entry: its last non-empty line that is not a rule of '=' or '*'.
std::string last_log_message() {
  const std::string& s = kim_last_log();
  std::string best;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    std::string line = s.substr(start, end - start);
    start = end + 1;
    const auto first = line.find_first_not_of(" \t*=");
    if (first == std::string::npos) continue;
    best = line.substr(first);
  }
  return best;
}

void install_kim_log() {
  static std::once_flag once;
  std::call_once(once, [] {
    KIM::Log::PushDefaultVerbosity(KIM::LOG_VERBOSITY::error);
    KIM::Log::PushDefaultPrintFunction(KIM::LANGUAGE_NAME::cpp, reinterpret_cast<KIM::Function*>(&kim_log_print));
  });
}

std::string with_log(std::string message) {
  const std::string log = last_log_message();
  kim_last_log().clear();
  if (!log.empty()) message += " (KIM: " + log + ")";
  return message;
}

// Sets an environment variable for the lifetime of the object, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& prepend) : name_(name) {
    const char* old = std::getenv(name);
    had_ = old != nullptr;
    if (had_) old_ = old;
    const std::string value = had_ && !old_.empty() ? prepend + ":" + old_ : prepend;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (had_) ::setenv(name_, old_.c_str(), 1);
    else ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  bool had_ = false;
  std::string old_;
};

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::vector<KimModelInfo> list_portable_models();  // caller holds kim_mutex()

// The error for a model name no collection holds: how many exist and the closest names.
[[noreturn]] void unknown_model(const std::string& model, const fs::path& model_dir) {
  std::vector<KimModelInfo> all;
  try {
    all = list_portable_models();
  } catch (const Error&) {
  }
  std::vector<std::pair<std::size_t, std::string>> near;
  for (const auto& m : all) near.emplace_back(edit_distance(model, m.name), m.name);
  std::sort(near.begin(), near.end());
  std::vector<std::string> names;
  for (std::size_t k = 0; k < near.size() && k < 3; ++k) names.push_back(near[k].second);
  throw Error(fmt::format("unknown KIM model '{}'{}: {} portable models are installed (`vitrum potentials --kim` lists "
                          "them){}",
                          model, model_dir.empty() ? "" : fmt::format(" (looked in {} first)", model_dir.string()),
                          all.size(), names.empty() ? "" : fmt::format("; closest: {}", fmt::join(names, ", "))));
}

std::string unit_list_length() { return "A, Bohr, cm, m, nm"; }
std::string unit_list_energy() { return "amu_A2_per_ps2, erg, eV, Hartree, J, kcal_mol"; }

}  // namespace

struct KimPotential::Impl {
  KIM::Model* model = nullptr;
  KIM::ComputeArguments* args = nullptr;
  // Model units against metal: x_model = x_Å · length_in, E_eV = E_model · energy_out.
  double length_in = 1, energy_out = 1;
  bool convert = false;
  double influence = 0;                 // model units
  std::vector<double> cutoffs;          // one per neighbour list, model units
  std::vector<int> ghost_neighbors;     // per list: whether the model may ask for neighbours of ghosts
  bool energy_status = false, virial_status = false, particle_energy_status = false;
  bool energy_required = false, virial_required = false, particle_energy_required = false;
  std::vector<int> species_of_type;     // index t (1-based) → KIM species code

  // One computation: contributing atoms first, then ghosts (owner[k - n_contributing]).
  int count = 0, n_contributing = 0;
  std::vector<double> coords, forces, particle_energy;
  std::vector<int> species, contributing, owner;
  double energy = 0;
  double virial[6] = {0, 0, 0, 0, 0, 0};
  struct List {
    std::vector<int> start, neighbors;
    bool ghosts = false;  // lists of ghosts built
  };
  std::vector<List> lists;
  std::vector<int> cell_start, cell_atoms, cell_of;

  ~Impl() {
    std::lock_guard lock(kim_mutex());
    if (args) model->ComputeArgumentsDestroy(&args);
    if (model) KIM::Model::Destroy(&model);
  }

  static int get_neighbors(void* data, int nlists, const double* /*cutoffs*/, int list, int particle, int* n,
                           const int** neighbors) {
    auto* self = static_cast<Impl*>(data);
    if (list < 0 || list >= nlists || list >= static_cast<int>(self->lists.size()) || particle < 0 ||
        particle >= self->count)
      return 1;
    const List& l = self->lists[static_cast<std::size_t>(list)];
    if (particle >= self->n_contributing && !l.ghosts) return 1;
    const int b = l.start[static_cast<std::size_t>(particle)], e = l.start[static_cast<std::size_t>(particle) + 1];
    *n = e - b;
    *neighbors = l.neighbors.data() + b;
    return 0;
  }

  // Full neighbour lists of the `count` particles in `coords` (model units), one per model cut-off,
  // through a cell list over their bounding box (ghosts are explicit, so no periodic wrapping here).
  void build_lists() {
    const double cmax = *std::max_element(cutoffs.begin(), cutoffs.end());
    double lo[3], hi[3];
    for (int d = 0; d < 3; ++d) lo[d] = hi[d] = count ? coords[static_cast<std::size_t>(d)] : 0.0;
    for (int i = 0; i < count; ++i)
      for (int d = 0; d < 3; ++d) {
        lo[d] = std::min(lo[d], coords[3 * static_cast<std::size_t>(i) + d]);
        hi[d] = std::max(hi[d], coords[3 * static_cast<std::size_t>(i) + d]);
      }
    // Cells no smaller than the largest cut-off, and not many more cells than particles.
    double edge = std::max(cmax, 1e-300);
    int nc[3];
    while (true) {
      double cells = 1;
      for (int d = 0; d < 3; ++d) {
        nc[d] = std::max(1, static_cast<int>(std::floor((hi[d] - lo[d]) / edge)));
        cells *= nc[d];
      }
      if (cells <= 4.0 * count + 64) break;
      edge *= 1.5;
    }
    double inv[3];
    for (int d = 0; d < 3; ++d) inv[d] = hi[d] > lo[d] ? nc[d] / (hi[d] - lo[d]) : 0.0;
    const std::size_t ncells = static_cast<std::size_t>(nc[0]) * nc[1] * nc[2];
    cell_start.assign(ncells + 1, 0);
    cell_of.resize(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
      int c[3];
      for (int d = 0; d < 3; ++d)
        c[d] = std::min(nc[d] - 1, static_cast<int>((coords[3 * static_cast<std::size_t>(i) + d] - lo[d]) * inv[d]));
      const int cell = (c[2] * nc[1] + c[1]) * nc[0] + c[0];
      cell_of[static_cast<std::size_t>(i)] = cell;
      ++cell_start[static_cast<std::size_t>(cell) + 1];
    }
    for (std::size_t c = 0; c < ncells; ++c) cell_start[c + 1] += cell_start[c];
    cell_atoms.resize(static_cast<std::size_t>(count));
    {
      std::vector<int> fill(cell_start.begin(), cell_start.end() - 1);
      for (int i = 0; i < count; ++i) cell_atoms[static_cast<std::size_t>(fill[static_cast<std::size_t>(cell_of[i])]++)] = i;
    }
    const std::size_t nl = cutoffs.size();
    lists.resize(nl);
    std::vector<double> cutsq(nl);
    for (std::size_t k = 0; k < nl; ++k) {
      cutsq[k] = cutoffs[k] * cutoffs[k];
      lists[k].ghosts = ghost_neighbors[k] != 0;
      lists[k].start.assign(static_cast<std::size_t>(count) + 1, 0);
      lists[k].neighbors.clear();
    }
    for (int i = 0; i < count; ++i) {
      const bool ghost = i >= n_contributing;
      const double* xi = &coords[3 * static_cast<std::size_t>(i)];
      const int cell = cell_of[static_cast<std::size_t>(i)];
      const int cx = cell % nc[0], cy = (cell / nc[0]) % nc[1], cz = cell / (nc[0] * nc[1]);
      for (int z = std::max(0, cz - 1); z <= std::min(nc[2] - 1, cz + 1); ++z)
        for (int y = std::max(0, cy - 1); y <= std::min(nc[1] - 1, cy + 1); ++y)
          for (int x = std::max(0, cx - 1); x <= std::min(nc[0] - 1, cx + 1); ++x) {
            const std::size_t c = static_cast<std::size_t>((z * nc[1] + y) * nc[0] + x);
            for (int a = cell_start[c]; a < cell_start[c + 1]; ++a) {
              const int j = cell_atoms[static_cast<std::size_t>(a)];
              if (j == i) continue;
              const double* xj = &coords[3 * static_cast<std::size_t>(j)];
              const double dx = xj[0] - xi[0], dy = xj[1] - xi[1], dz = xj[2] - xi[2];
              const double rsq = dx * dx + dy * dy + dz * dz;
              for (std::size_t k = 0; k < nl; ++k)
                if (rsq <= cutsq[k] && (!ghost || lists[k].ghosts)) lists[k].neighbors.push_back(j);
            }
          }
      for (std::size_t k = 0; k < nl; ++k)
        lists[k].start[static_cast<std::size_t>(i) + 1] = static_cast<int>(lists[k].neighbors.size());
    }
  }

  // Runs the model on the particles set up in coords/species/contributing; results in model units.
  void run(const std::string& model_name, bool want_energy, bool want_virial, bool want_particle_energy) {
    build_lists();
    const std::size_t nc = static_cast<std::size_t>(count);
    forces.assign(3 * nc, 0.0);
    energy = 0;
    std::fill(std::begin(virial), std::end(virial), 0.0);
    const bool e = (want_energy && energy_status) || energy_required;
    const bool v = (want_virial && virial_status) || virial_required;
    const bool pe = (want_particle_energy && particle_energy_status) || particle_energy_required;
    if (pe) particle_energy.assign(nc, 0.0);
    namespace N = KIM::COMPUTE_ARGUMENT_NAME;
    int err = args->SetArgumentPointer(N::numberOfParticles, &count);
    err = err || args->SetArgumentPointer(N::particleSpeciesCodes, species.data());
    err = err || args->SetArgumentPointer(N::particleContributing, contributing.data());
    err = err || args->SetArgumentPointer(N::coordinates, coords.data());
    err = err || args->SetArgumentPointer(N::partialForces, forces.data());
    err = err || args->SetArgumentPointer(N::partialEnergy, e ? &energy : static_cast<double*>(nullptr));
    err = err || args->SetArgumentPointer(N::partialVirial, v ? virial : static_cast<double*>(nullptr));
    if (particle_energy_status || particle_energy_required)
      err = err || args->SetArgumentPointer(N::partialParticleEnergy,
                                            pe ? particle_energy.data() : static_cast<double*>(nullptr));
    if (err) throw Error(with_log(fmt::format("KIM model '{}': cannot set the compute arguments", model_name)));
    if (model->Compute(args))
      throw Error(with_log(fmt::format("KIM model '{}' failed to compute ({} atoms, {} ghosts)", model_name,
                                       n_contributing, count - n_contributing)));
  }

  // Contributing atoms (wrapped into the cell) and their ghost images within `reach` [Å] of the faces.
  void set_periodic(const Particles& p, const Box& box, double reach) {
    const std::size_t n = p.size();
    n_contributing = static_cast<int>(n);
    coords.resize(3 * n);
    species.resize(n);
    owner.clear();
    std::vector<Vec3> frac(n);
    for (std::size_t i = 0; i < n; ++i) {
      Vec3 r = p.position[i];
      Int3 image{0, 0, 0};
      box.wrap(r, image);
      coords[3 * i] = r.x, coords[3 * i + 1] = r.y, coords[3 * i + 2] = r.z;
      frac[i] = box.to_fractional(r);
      species[i] = species_of_type[static_cast<std::size_t>(p.type[i])];
    }
    // An image at fractional s + (a, b, c) is kept when it lies within `reach` of the cell along each
    // face normal: distance to the plane s_x = 0 is s_x times the perpendicular width.
    const Vec3 w = box.perpendicular_widths();
    const double ex = reach / w.x, ey = reach / w.y, ez = reach / w.z;
    const int na = static_cast<int>(std::ceil(ex)), nb = static_cast<int>(std::ceil(ey)),
              nz = static_cast<int>(std::ceil(ez));
    const Vec3 L = box.lengths();
    const double xy = box.xy();
    for (std::size_t i = 0; i < n; ++i) {
      const Vec3 s = frac[i];
      for (int c = -nz; c <= nz; ++c) {
        const double sz = s.z + c;
        if (sz < -ez || sz > 1 + ez) continue;
        for (int b = -nb; b <= nb; ++b) {
          const double sy = s.y + b;
          if (sy < -ey || sy > 1 + ey) continue;
          for (int a = -na; a <= na; ++a) {
            if (a == 0 && b == 0 && c == 0) continue;
            const double sx = s.x + a;
            if (sx < -ex || sx > 1 + ex) continue;
            coords.push_back(coords[3 * i] + a * L.x + b * xy);
            coords.push_back(coords[3 * i + 1] + b * L.y);
            coords.push_back(coords[3 * i + 2] + c * L.z);
            species.push_back(species[i]);
            owner.push_back(static_cast<int>(i));
          }
        }
      }
    }
    count = static_cast<int>(species.size());
    contributing.assign(static_cast<std::size_t>(count), 0);
    std::fill(contributing.begin(), contributing.begin() + n_contributing, 1);
    if (convert)
      for (double& x : coords) x *= length_in;
  }

  // An isolated cluster (no periodic images): every atom contributes. Positions in Å.
  void set_cluster(const std::vector<Vec3>& r, const std::vector<int>& types) {
    count = n_contributing = static_cast<int>(r.size());
    coords.clear();
    for (const Vec3& x : r) {
      coords.push_back(x.x * length_in);
      coords.push_back(x.y * length_in);
      coords.push_back(x.z * length_in);
    }
    species.clear();
    for (int t : types) species.push_back(species_of_type[static_cast<std::size_t>(t)]);
    contributing.assign(r.size(), 1);
    owner.clear();
  }
};

KimPotential::KimPotential(std::string model, std::vector<std::string> elements, std::filesystem::path model_dir,
                           KimUnitRequest units)
    : KimPotential(std::move(model), std::move(elements), std::move(model_dir), std::move(units), true) {}

KimPotential::KimPotential(std::string model, std::vector<std::string> elements, std::filesystem::path model_dir,
                           KimUnitRequest units, bool probe)
    : model_(std::move(model)),
      elements_(std::move(elements)),
      model_dir_(std::move(model_dir)),
      request_(std::move(units)),
      impl_(std::make_unique<Impl>()) {
  std::lock_guard lock(kim_mutex());
  install_kim_log();
  kim_last_log().clear();
  // model_dir: the model's own directory, or a directory of model directories.
  std::string collection_dir;
  if (!model_dir_.empty()) {
    std::error_code ec;
    if (!fs::is_directory(model_dir_, ec))
      throw Error(fmt::format("KIM model_dir {}: no such directory", model_dir_.string()));
    const fs::path dir = fs::absolute(model_dir_).lexically_normal();
    const fs::path own = dir.filename().empty() ? dir.parent_path() : dir;
    if (fs::exists(own / "libkim-api-portable-model.so")) {
      const std::string dir_name = own.filename().string();
      if (model_.empty()) model_ = dir_name;
      if (model_ != dir_name)
        throw Error(fmt::format("KIM model_dir {} holds the model '{}', not '{}' (a model's directory carries its name)",
                                model_dir_.string(), dir_name, model_));
      collection_dir = own.parent_path().string();
    } else if (!model_.empty() && fs::exists(dir / model_ / "libkim-api-portable-model.so")) {
      collection_dir = dir.string();
    } else {
      std::vector<std::string> found;
      for (const auto& e : fs::directory_iterator(dir, ec))
        if (fs::exists(e.path() / "libkim-api-portable-model.so")) found.push_back(e.path().filename().string());
      std::sort(found.begin(), found.end());
      throw Error(fmt::format("KIM model_dir {} holds no portable model '{}' (expected {}/{}/libkim-api-portable-model.so; "
                              "it holds: {})",
                              model_dir_.string(), model_, dir.string(), model_.empty() ? "NAME" : model_,
                              found.empty() ? "none" : fmt::format("{}", fmt::join(found, ", "))));
    }
  }
  if (model_.empty()) throw Error("potential style 'kim' needs a model name (recipe: model = \"...\"; command line: --kim-model NAME)");
  std::optional<ScopedEnv> env_models, env_drivers;
  if (!collection_dir.empty()) {
    env_models.emplace("KIM_API_PORTABLE_MODELS_DIR", collection_dir);
    env_drivers.emplace("KIM_API_MODEL_DRIVERS_DIR", collection_dir);
  }

  // Where the model comes from (also tells an unknown name and a simulator model apart).
  {
    KIM::Collections* col = nullptr;
    if (KIM::Collections::Create(&col)) throw Error(with_log("cannot open the KIM API collections"));
    KIM::CollectionItemType type;
    const bool unknown = col->GetItemType(model_, &type) != 0;
    std::string library, collection;
    if (!unknown && type == KIM::COLLECTION_ITEM_TYPE::portableModel) {
      const std::string* file = nullptr;
      KIM::Collection c;
      if (!col->GetItemLibraryFileNameAndCollection(KIM::COLLECTION_ITEM_TYPE::portableModel, model_, &file, &c)) {
        library = *file;
        collection = c.ToString();
      }
    }
    KIM::Collections::Destroy(&col);
    kim_last_log().clear();
    if (unknown) unknown_model(model_, model_dir_);
    if (type == KIM::COLLECTION_ITEM_TYPE::simulatorModel)
      throw Error(fmt::format("KIM item '{}' is a simulator model (it runs only inside its simulator, e.g. LAMMPS "
                              "`kim init`); vitrum runs KIM portable models",
                              model_));
    if (type != KIM::COLLECTION_ITEM_TYPE::portableModel)
      throw Error(fmt::format("KIM item '{}' is a {}, not a portable model", model_, type.ToString()));
    library_ = library;
    collection_ = collection;
  }

  // Ask for the requested units; a model that refuses keeps its own and vitrum converts.
  const KIM::LengthUnit length_unit(request_.length);
  const KIM::EnergyUnit energy_unit(request_.energy);
  if (!length_unit.Known() || length_unit == KIM::LENGTH_UNIT::unused)
    throw Error(fmt::format("unknown KIM length unit '{}' (known: {})", request_.length, unit_list_length()));
  if (!energy_unit.Known() || energy_unit == KIM::ENERGY_UNIT::unused)
    throw Error(fmt::format("unknown KIM energy unit '{}' (known: {})", request_.energy, unit_list_energy()));
  int accepted = 0;
  if (KIM::Model::Create(KIM::NUMBERING::zeroBased, length_unit, energy_unit, KIM::CHARGE_UNIT::e,
                         KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps, model_, &accepted, &impl_->model))
    throw Error(with_log(fmt::format("KIM model '{}' could not be created", model_)));
  units_accepted_ = accepted != 0;
  Impl& m = *impl_;
  {
    KIM::LengthUnit ml;
    KIM::EnergyUnit me;
    KIM::ChargeUnit mc;
    KIM::TemperatureUnit mt;
    KIM::TimeUnit ms;
    m.model->GetUnits(&ml, &me, &mc, &mt, &ms);
    if (ml == KIM::LENGTH_UNIT::unused || me == KIM::ENERGY_UNIT::unused)
      throw Error(fmt::format("KIM model '{}' leaves its length or energy unit unused: vitrum cannot convert", model_));
    const int e1 = KIM::ModelDriverCreate::ConvertUnit(
        KIM::LENGTH_UNIT::A, KIM::ENERGY_UNIT::eV, KIM::CHARGE_UNIT::e, KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps, ml,
        me, KIM::CHARGE_UNIT::e, KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps, 1, 0, 0, 0, 0, &m.length_in);
    const int e2 = KIM::ModelDriverCreate::ConvertUnit(
        ml, me, KIM::CHARGE_UNIT::e, KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps, KIM::LENGTH_UNIT::A,
        KIM::ENERGY_UNIT::eV, KIM::CHARGE_UNIT::e, KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps, 0, 1, 0, 0, 0,
        &m.energy_out);
    if (e1 || e2)
      throw Error(with_log(fmt::format("KIM model '{}' works in {} and {}, which vitrum cannot convert to Angstrom and eV",
                                       model_, ml.ToString(), me.ToString())));
    m.convert = m.length_in != 1.0 || m.energy_out != 1.0;
  }

  // Species: element names → the model's codes.
  std::vector<std::pair<int, std::string>> supported;
  {
    int nspecies = 0;
    KIM::SPECIES_NAME::GetNumberOfSpeciesNames(&nspecies);
    for (int k = 0; k < nspecies; ++k) {
      KIM::SpeciesName sn;
      KIM::SPECIES_NAME::GetSpeciesName(k, &sn);
      int ok = 0, code = 0;
      if (!m.model->GetSpeciesSupportAndCode(sn, &ok, &code) && ok) supported.emplace_back(code, sn.ToString());
    }
    std::sort(supported.begin(), supported.end());
  }
  std::vector<std::string> names;
  for (const auto& s : supported) names.push_back(s.second);
  if (elements_.empty()) elements_ = names;
  m.species_of_type.assign(elements_.size() + 1, 0);
  for (std::size_t t = 0; t < elements_.size(); ++t) {
    const KIM::SpeciesName sn(elements_[t]);
    int ok = 0, code = 0;
    if (!sn.Known() || m.model->GetSpeciesSupportAndCode(sn, &ok, &code) || !ok)
      throw Error(fmt::format("KIM model '{}' has no element '{}' (type {}); it supports: {}", model_, elements_[t], t + 1,
                              fmt::join(names, ", ")));
    m.species_of_type[t + 1] = code;
  }
  kim_last_log().clear();

  // What the model computes, and what it needs from vitrum.
  if (m.model->ComputeArgumentsCreate(&m.args))
    throw Error(with_log(fmt::format("KIM model '{}': cannot create its compute arguments", model_)));
  namespace N = KIM::COMPUTE_ARGUMENT_NAME;
  auto status = [&](KIM::ComputeArgumentName name, bool& supported_flag, bool& required_flag) {
    KIM::SupportStatus s;
    m.args->GetArgumentSupportStatus(name, &s);
    supported_flag = s != KIM::SUPPORT_STATUS::notSupported;
    required_flag = s == KIM::SUPPORT_STATUS::required;
  };
  bool forces_ok = false, forces_req = false;
  status(N::partialEnergy, m.energy_status, m.energy_required);
  status(N::partialForces, forces_ok, forces_req);
  status(N::partialVirial, m.virial_status, m.virial_required);
  status(N::partialParticleEnergy, m.particle_energy_status, m.particle_energy_required);
  if (!forces_ok) throw Error(fmt::format("KIM model '{}' computes no forces: vitrum cannot run it", model_));
  if (!m.energy_status) throw Error(fmt::format("KIM model '{}' computes no energy: vitrum cannot run it", model_));
  {
    KIM::SupportStatus s;
    m.args->GetArgumentSupportStatus(N::partialParticleVirial, &s);
    if (s == KIM::SUPPORT_STATUS::required)
      throw Error(fmt::format("KIM model '{}' requires per-particle virials, which vitrum does not provide", model_));
    for (auto cb : {KIM::COMPUTE_CALLBACK_NAME::ProcessDEDrTerm, KIM::COMPUTE_CALLBACK_NAME::ProcessD2EDr2Term}) {
      m.args->GetCallbackSupportStatus(cb, &s);
      if (s == KIM::SUPPORT_STATUS::required)
        throw Error(fmt::format("KIM model '{}' requires the {} callback, which vitrum does not provide", model_,
                                cb.ToString()));
    }
  }
  if (m.args->SetCallbackPointer(KIM::COMPUTE_CALLBACK_NAME::GetNeighborList, KIM::LANGUAGE_NAME::cpp,
                                 reinterpret_cast<KIM::Function*>(&Impl::get_neighbors), impl_.get()))
    throw Error(with_log(fmt::format("KIM model '{}': cannot register the neighbour-list callback", model_)));

  m.model->GetInfluenceDistance(&m.influence);
  int nlists = 0;
  const double* cut = nullptr;
  const int* no_ghost = nullptr;
  m.model->GetNeighborListPointers(&nlists, &cut, &no_ghost);
  if (nlists < 1) throw Error(fmt::format("KIM model '{}' asks for no neighbour list", model_));
  m.cutoffs.assign(cut, cut + nlists);
  m.ghost_neighbors.resize(static_cast<std::size_t>(nlists));
  for (int k = 0; k < nlists; ++k) m.ghost_neighbors[static_cast<std::size_t>(k)] = no_ghost[k] ? 0 : 1;
  const double cmax = *std::max_element(m.cutoffs.begin(), m.cutoffs.end());
  if (!(m.influence > 0) || !(cmax > 0) || !std::isfinite(m.influence))
    throw Error(fmt::format("KIM model '{}' gives influence distance {} and cut-off {}", model_, m.influence, cmax));
  influence_ = m.influence / m.length_in;
  cutoff_ = cmax / m.length_in;
  name_ = "kim " + model_;
  kim_last_log().clear();
  if (probe) probe_sigma();
}

KimPotential::KimPotential(const KimPotential& other, int)
    : KimPotential(other.model_, other.elements_, other.model_dir_, other.request_, false) {
  sigma_ = other.sigma_;
}

void KimPotential::probe_sigma() {
  // σ_ab: where the energy of an isolated a–b dimer rises through 1 eV above two free atoms, scanning
  // inwards from the cut-off (the level the native EAM uses for φ_ab).
  const int nt = type_count(), stride = nt + 1;
  sigma_.assign(static_cast<std::size_t>(stride * stride), 1.0);
  const double h = 0.005;
  for (int a = 1; a <= nt; ++a)
    for (int b = a; b <= nt; ++b) {
      auto dimer = [&](double r) {
        impl_->set_cluster({{0, 0, 0}, {r, 0, 0}}, {a, b});
        impl_->run(model_, true, false, false);
        return impl_->energy * impl_->energy_out;
      };
      double s = cutoff_;
      try {
        const double free = dimer(2 * influence_ + 1);
        for (s = cutoff_ - h; s > 0.05 * cutoff_; s -= h) {
          const double e = dimer(s);
          if (!std::isfinite(e) || e - free >= 1.0) break;
        }
      } catch (const Error&) {
        kim_last_log().clear();  // a model that cannot evaluate a dimer: σ where it stopped
      }
      sigma_[static_cast<std::size_t>(a * stride + b)] = sigma_[static_cast<std::size_t>(b * stride + a)] = s;
    }
}

KimPotential::~KimPotential() = default;

std::unique_ptr<Potential> KimPotential::clone() const {
  return std::unique_ptr<Potential>(new KimPotential(*this, 0));
}

std::vector<double> KimPotential::type_masses() const {
  std::vector<double> out;
  for (const auto& e : elements_) {
    const int z = atomic_number(e);
    out.push_back(z >= 1 && z <= 118 ? kAtomicMass[z - 1] : 1.0);
  }
  return out;
}

std::vector<double> KimPotential::type_cutoffs() const {
  const std::size_t nt = elements_.size();
  return std::vector<double>(nt * nt, cutoff_);
}

bool KimPotential::computes_virial() const { return impl_->virial_status; }
bool KimPotential::computes_particle_energy() const { return impl_->particle_energy_status; }
std::size_t KimPotential::ghost_count() const {
  return static_cast<std::size_t>(impl_->count - impl_->n_contributing);
}

void KimPotential::check(const Particles& p) const {
  const int nt = type_count();
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p.type[i] < 1 || p.type[i] > nt)
      throw Error(fmt::format("atom {} has type {}, but potential '{}' maps types 1..{} to elements", p.id[i], p.type[i],
                              name_, nt));
    const Vec3& r = p.position[i];
    if (!std::isfinite(r.x) || !std::isfinite(r.y) || !std::isfinite(r.z))
      throw Error(fmt::format("atom {} has a non-finite coordinate", p.id[i]));
  }
}

ForceResult KimPotential::compute(Particles& p, const Box& box, const NeighborList&, bool energy_and_virial) {
  Impl& m = *impl_;
  // Ghosts reach one influence distance (plus round-off) beyond the faces.
  m.set_periodic(p, box, influence_ * (1 + 1e-12) + 1e-12);
  m.run(model_, energy_and_virial, energy_and_virial, false);
  const std::size_t n = p.size();
  const double fscale = m.energy_out * m.length_in;
  p.force.resize(n);
  for (std::size_t i = 0; i < n; ++i) p.force[i] = {m.forces[3 * i], m.forces[3 * i + 1], m.forces[3 * i + 2]};
  for (std::size_t g = 0; g < m.owner.size(); ++g) {
    const double* f = &m.forces[3 * (n + g)];
    Vec3& fo = p.force[static_cast<std::size_t>(m.owner[g])];
    fo.x += f[0], fo.y += f[1], fo.z += f[2];
  }
  if (m.convert)
    for (Vec3& f : p.force) f = f * fscale;
  ForceResult out;
  if (!energy_and_virial) return out;
  out.energy = m.energy * m.energy_out;
  if (m.virial_status) {
    // KIM's virial is −Σ r⊗f in the order xx yy zz yz xz xy; vitrum's W = Σ r⊗f in xx yy zz xy xz yz.
    const double* v = m.virial;
    out.virial = {-v[0], -v[1], -v[2], -v[5], -v[4], -v[3]};
    if (m.convert)
      for (double& w : out.virial) w *= m.energy_out;
  } else {
    // W = Σ r⊗f over atoms and ghosts: exact for a translation-invariant energy.
    double w[6] = {0, 0, 0, 0, 0, 0};
    for (int k = 0; k < m.count; ++k) {
      const double* r = &m.coords[3 * static_cast<std::size_t>(k)];
      const double* f = &m.forces[3 * static_cast<std::size_t>(k)];
      w[0] += r[0] * f[0], w[1] += r[1] * f[1], w[2] += r[2] * f[2];
      w[3] += r[0] * f[1], w[4] += r[0] * f[2], w[5] += r[1] * f[2];
    }
    for (int a = 0; a < 6; ++a) out.virial[a] = w[a] * m.energy_out;
  }
  return out;
}

std::vector<double> KimPotential::per_atom_energies(Particles& p, const Box& box, const NeighborList&) {
  Impl& m = *impl_;
  if (!m.particle_energy_status)
    throw Error(fmt::format("KIM model '{}' does not compute per-atom energies (partialParticleEnergy)", model_));
  m.set_periodic(p, box, influence_ * (1 + 1e-12) + 1e-12);
  m.run(model_, true, false, true);
  const std::size_t n = p.size();
  p.force.resize(n);
  for (std::size_t i = 0; i < n; ++i) p.force[i] = {m.forces[3 * i], m.forces[3 * i + 1], m.forces[3 * i + 2]};
  for (std::size_t g = 0; g < m.owner.size(); ++g) {
    const double* f = &m.forces[3 * (n + g)];
    Vec3& fo = p.force[static_cast<std::size_t>(m.owner[g])];
    fo.x += f[0], fo.y += f[1], fo.z += f[2];
  }
  if (m.convert)
    for (Vec3& f : p.force) f = f * (m.energy_out * m.length_in);
  std::vector<double> e(m.particle_energy.begin(), m.particle_energy.begin() + static_cast<std::ptrdiff_t>(n));
  if (m.convert)
    for (double& x : e) x *= m.energy_out;
  return e;
}

double KimPotential::pair_sigma(const Particles& p, std::size_t i, std::size_t j) const {
  return sigma_[static_cast<std::size_t>(p.type[i] * (type_count() + 1) + p.type[j])];
}


bool kim_available() { return true; }

std::vector<KimModelInfo> installed_kim_models() {
  std::lock_guard lock(kim_mutex());
  install_kim_log();
  return list_portable_models();
}

namespace {

std::vector<KimModelInfo> list_portable_models() {
  KIM::Collections* col = nullptr;
  if (KIM::Collections::Create(&col)) throw Error(with_log("cannot open the KIM API collections"));
  std::vector<KimModelInfo> out;
  int extent = 0;
  if (!col->CacheListOfItemNamesByType(KIM::COLLECTION_ITEM_TYPE::portableModel, &extent)) {
    for (int k = 0; k < extent; ++k) {
      const std::string* name = nullptr;
      if (col->GetItemNameByType(k, &name)) continue;
      KimModelInfo info{*name, "", ""};
      const std::string* file = nullptr;
      KIM::Collection c;
      if (!col->GetItemLibraryFileNameAndCollection(KIM::COLLECTION_ITEM_TYPE::portableModel, *name, &file, &c)) {
        info.library = *file;
        info.collection = c.ToString();
      }
      out.push_back(std::move(info));
    }
  }
  KIM::Collections::Destroy(&col);
  kim_last_log().clear();
  std::sort(out.begin(), out.end(), [](const KimModelInfo& a, const KimModelInfo& b) { return a.name < b.name; });
  return out;
}

}  // namespace

}  // namespace vitrum
