#include "vitrum/atomistic/potential/eam_tables.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/elements.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/text_reader.hpp"

namespace vitrum {

namespace {

// Tokens of a potential file with their line numbers: values of a table may run over any number of
// lines (LAMMPS's PotentialFileReader::next_dvector), header records are one line each.
class EamFileReader {
 public:
  explicit EamFileReader(const std::filesystem::path& path) : in_(path) {
    if (std::filesystem::is_directory(path)) in_.fail_file("is a directory, not an EAM potential file");
  }
  [[nodiscard]] const std::filesystem::path& path() const { return in_.path(); }

  // The first line; LAMMPS's convention `UNITS: metal` is checked when present.
  void comment_line() {
    std::string line;
    if (!in_.next(line)) in_.fail_file("empty file: not an EAM potential file");
    const auto pos = line.find("UNITS:");
    if (pos != std::string::npos) {
      const auto toks = split_tokens(std::string_view(line).substr(pos + 6), false);
      if (!toks.empty() && toks[0] != "metal")
        in_.fail(fmt::format("the potential is in '{}' units; vitrum reads EAM files in metal units only", toks[0]));
    }
  }
  void skip_line(const char* what) {
    std::string line;
    if (!in_.next(line)) in_.fail_file(fmt::format("the file ends before {}", what));
  }
  // One whole line split into tokens (at least `min` of them).
  std::vector<std::string> record(std::size_t min, const char* what) {
    std::string line;
    if (!in_.next(line)) in_.fail_file(fmt::format("the file ends before {}", what));
    std::vector<std::string> out;
    for (auto t : split_tokens(line, false)) out.emplace_back(t);
    if (out.size() < min) in_.fail(fmt::format("expected {} with {} values, found '{}'", what, min, trim(line)));
    return out;
  }
  double real(const std::string& tok, const char* what) {
    const double v = in_.number<double>(tok, what);
    if (!std::isfinite(v)) in_.fail(fmt::format("{} is not finite ({})", what, tok));
    return v;
  }
  int integer(const std::string& tok, const char* what) { return in_.number<int>(tok, what); }
  // n values into out[1..n], across lines.
  void values(int n, std::vector<double>& out, const std::string& what) {
    out.assign(static_cast<std::size_t>(n) + 1, 0.0);
    int k = 0;
    while (k < n) {
      if (pending_.empty()) {
        std::string line;
        if (!in_.next(line))
          in_.fail_file(fmt::format("truncated table: {} needs {} values, the file ends after {}", what, n, k));
        for (auto t : split_tokens(line, false)) pending_.emplace_back(t);
        std::reverse(pending_.begin(), pending_.end());
        continue;
      }
      const std::string tok = pending_.back();
      pending_.pop_back();
      // Fortran-style exponents (1.0D-02) occur in old DYNAMO files.
      std::string fixed = tok;
      std::replace(fixed.begin(), fixed.end(), 'D', 'E');
      std::replace(fixed.begin(), fixed.end(), 'd', 'e');
      const double v = in_.number<double>(fixed, what.c_str());
      if (!std::isfinite(v)) in_.fail(fmt::format("{}: value {} is not finite ({})", what, k + 1, tok));
      out[static_cast<std::size_t>(++k)] = v;
    }
    // A table ends where its values end: leftover tokens on its last line belong to nothing.
    if (!pending_.empty())
      in_.fail(fmt::format("{} has {} values but this line holds {} more (wrong nrho/nr in the header?)", what, n,
                           pending_.size()));
  }
  [[noreturn]] void fail(const std::string& what) const { in_.fail(what); }
  [[noreturn]] void fail_file(const std::string& what) const { in_.fail_file(what); }
  void expect_end() {
    std::string line;
    while (in_.next(line))
      if (!split_tokens(line, false).empty())
        in_.fail("unexpected values after the last table (more elements or longer tables than the header says?)");
  }

 private:
  TextReader in_;
  std::vector<std::string> pending_;
};

struct Grid {
  int nrho = 0, nr = 0;
  double drho = 0, dr = 0, cut = 0;
};

Grid read_grid(EamFileReader& f) {
  const auto t = f.record(5, "the grid line 'nrho drho nr dr cutoff'");
  Grid g;
  g.nrho = f.integer(t[0], "nrho");
  g.drho = f.real(t[1], "drho");
  g.nr = f.integer(t[2], "nr");
  g.dr = f.real(t[3], "dr");
  g.cut = f.real(t[4], "cutoff");
  // The spline needs five points; the grids must be positive.
  if (g.nrho < 5 || g.nr < 5) f.fail(fmt::format("nrho = {} and nr = {} must both be >= 5", g.nrho, g.nr));
  if (g.nrho > 100000000 || g.nr > 100000000) f.fail("nrho or nr above 1e8: not a plausible EAM table");
  if (!(g.drho > 0) || !(g.dr > 0) || !(g.cut > 0)) f.fail("drho, dr and the cutoff must be positive");
  return g;
}

EamElement read_element_line(EamFileReader& f, const char* what) {
  const auto t = f.record(2, what);
  EamElement e;
  e.atomic_number = f.integer(t[0], "atomic number");
  e.mass = f.real(t[1], "mass");
  if (t.size() > 2) e.lattice_constant = f.real(t[2], "lattice constant");
  if (t.size() > 3) e.lattice = t[3];
  std::transform(e.lattice.begin(), e.lattice.end(), e.lattice.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!(e.mass > 0)) f.fail(fmt::format("mass {} must be positive", e.mass));
  return e;
}

// PairEAM::interpolate: Hermite knots from equally spaced values f[1..n] with spacing delta.
std::vector<EamKnot> spline(const std::vector<double>& f, int n, double delta) {
  std::vector<EamKnot> s(static_cast<std::size_t>(n) + 1, EamKnot{});
  for (int m = 1; m <= n; ++m) s[m][6] = f[m];
  s[1][5] = s[2][6] - s[1][6];
  s[2][5] = 0.5 * (s[3][6] - s[1][6]);
  s[n - 1][5] = 0.5 * (s[n][6] - s[n - 2][6]);
  s[n][5] = s[n][6] - s[n - 1][6];
  for (int m = 3; m <= n - 2; ++m) s[m][5] = ((s[m - 2][6] - s[m + 2][6]) + 8.0 * (s[m + 1][6] - s[m - 1][6])) / 12.0;
  for (int m = 1; m <= n - 1; ++m) {
    s[m][4] = 3.0 * (s[m + 1][6] - s[m][6]) - 2.0 * s[m][5] - s[m + 1][5];
    s[m][3] = s[m][5] + s[m + 1][5] - 2.0 * (s[m + 1][6] - s[m][6]);
  }
  s[n][4] = 0.0;
  s[n][3] = 0.0;
  for (int m = 1; m <= n; ++m) {
    s[m][2] = s[m][5] / delta;
    s[m][1] = 2.0 * s[m][4] / delta;
    s[m][0] = 3.0 * s[m][3] / delta;
  }
  return s;
}

// PairEAM::file2array's 4-point Lagrange re-gridding of a funcfl table (values f[1..n], spacing h)
// at x = (m-1)·step for m = 1..count.
std::vector<double> regrid(const std::vector<double>& f, int n, double h, int count, double step) {
  constexpr double sixth = 1.0 / 6.0;
  std::vector<double> out(static_cast<std::size_t>(count) + 1, 0.0);
  for (int m = 1; m <= count; ++m) {
    const double x = (m - 1) * step;
    double p = x / h + 1.0;
    int k = static_cast<int>(p);
    k = std::min(k, n - 2);
    k = std::max(k, 2);
    p -= k;
    p = std::min(p, 2.0);
    const double c1 = -sixth * p * (p - 1.0) * (p - 2.0);
    const double c2 = 0.5 * (p * p - 1.0) * (p - 2.0);
    const double c3 = -0.5 * p * (p + 1.0) * (p - 2.0);
    const double c4 = sixth * p * (p * p - 1.0);
    out[m] = c1 * f[k - 1] + c2 * f[k] + c3 * f[k + 1] + c4 * f[k + 2];
  }
  return out;
}

// Lower-triangular index of the element pair (a, b) in setfl/fs/funcfl z2r order.
int triangle_index(int a, int b) {
  if (a < b) std::swap(a, b);
  return a * (a + 1) / 2 + b;
}

struct Funcfl {
  std::filesystem::path file;
  EamElement element;
  Grid grid;
  std::vector<double> frho, zr, rhor;
};

Funcfl read_funcfl(const std::filesystem::path& path) {
  EamFileReader f(path);
  Funcfl out;
  out.file = path;
  f.comment_line();
  out.element = read_element_line(f, "the element line 'Z mass lattice-constant lattice'");
  out.element.name = element_symbol(out.element.atomic_number);
  if (out.element.name.empty())
    f.fail(fmt::format("atomic number {} is not an element", out.element.atomic_number));
  out.grid = read_grid(f);
  f.values(out.grid.nrho, out.frho, "F(rho)");
  f.values(out.grid.nr, out.zr, "Z(r)");
  f.values(out.grid.nr, out.rhor, "rho(r)");
  f.expect_end();
  return out;
}

EamTables funcfl_tables(const std::vector<std::filesystem::path>& files, const std::vector<std::string>& elements) {
  if (files.empty()) throw Error("pair style eam (funcfl) needs one potential file per atom type");
  if (!elements.empty() && elements.size() != files.size())
    throw Error(fmt::format("pair style eam (funcfl): {} files but {} elements; give one file per type",
                            files.size(), elements.size()));
  std::vector<Funcfl> distinct;
  std::vector<int> map;  // type-1 → distinct file
  for (const auto& file : files) {
    auto it = std::find_if(distinct.begin(), distinct.end(), [&](const Funcfl& d) { return d.file == file; });
    if (it == distinct.end()) {
      distinct.push_back(read_funcfl(file));
      it = distinct.end() - 1;
    }
    map.push_back(static_cast<int>(it - distinct.begin()));
  }
  EamTables t;
  t.format = EamFormat::funcfl;
  for (std::size_t k = 0; k < files.size(); ++k) {
    const EamElement& e = distinct[static_cast<std::size_t>(map[k])].element;
    if (!elements.empty() && elements[k] != e.name)
      throw Error(fmt::format("{}: holds element {} (Z = {}), but type {} was named {}", files[k].string(), e.name,
                              e.atomic_number, k + 1, elements[k]));
    t.type_elements.push_back(e);
  }
  // One grid for all files: the largest spacings and ranges (every file here is in use).
  double rmax = 0;
  for (const auto& d : distinct) {
    t.dr = std::max(t.dr, d.grid.dr);
    t.drho = std::max(t.drho, d.grid.drho);
    rmax = std::max(rmax, (d.grid.nr - 1) * d.grid.dr);
    t.rhomax = std::max(t.rhomax, (d.grid.nrho - 1) * d.grid.drho);
    t.cut = std::max(t.cut, d.grid.cut);
  }
  t.nr = static_cast<int>(rmax / t.dr + 0.5);
  t.nrho = static_cast<int>(t.rhomax / t.drho + 0.5);
  for (const auto& d : distinct) {
    t.frho.push_back(spline(regrid(d.frho, d.grid.nrho, d.grid.drho, t.nrho, t.drho), t.nrho, t.drho));
    t.rhor.push_back(spline(regrid(d.rhor, d.grid.nr, d.grid.dr, t.nr, t.dr), t.nr, t.dr));
  }
  // z2r = 27.2·0.529 Z_i Z_j (Hartree·Bohr → eV·Å), r·φ as in the setfl files.
  for (std::size_t i = 0; i < distinct.size(); ++i) {
    const auto zi = regrid(distinct[i].zr, distinct[i].grid.nr, distinct[i].grid.dr, t.nr, t.dr);
    for (std::size_t j = 0; j <= i; ++j) {
      const auto zj = regrid(distinct[j].zr, distinct[j].grid.nr, distinct[j].grid.dr, t.nr, t.dr);
      std::vector<double> z2(static_cast<std::size_t>(t.nr) + 1, 0.0);
      for (int m = 1; m <= t.nr; ++m) z2[m] = 27.2 * 0.529 * zi[m] * zj[m];
      t.z2r.push_back(spline(z2, t.nr, t.dr));
    }
  }
  const int nt = t.type_count(), stride = nt + 1;
  t.type2frho.assign(static_cast<std::size_t>(stride), 0);
  t.type2rhor.assign(static_cast<std::size_t>(stride * stride), 0);
  t.type2z2r.assign(static_cast<std::size_t>(stride * stride), 0);
  for (int a = 1; a <= nt; ++a) {
    t.type2frho[a] = map[a - 1];
    for (int b = 1; b <= nt; ++b) {
      t.type2rhor[a * stride + b] = map[a - 1];
      t.type2z2r[a * stride + b] = triangle_index(map[a - 1], map[b - 1]);
    }
  }
  return t;
}

// setfl and fs share everything but the number of density functions per element.
EamTables multi_element_tables(EamFormat format, const std::filesystem::path& path,
                               const std::vector<std::string>& elements) {
  EamFileReader f(path);
  f.comment_line();
  f.skip_line("the second comment line");
  f.skip_line("the third comment line");
  const auto head = f.record(2, "the element line 'N element1 ... elementN'");
  const int nel = f.integer(head[0], "number of elements");
  if (nel < 1 || nel > 118) f.fail(fmt::format("number of elements {} must be in 1 .. 118", nel));
  if (static_cast<int>(head.size()) != nel + 1)
    f.fail(fmt::format("the header says {} elements but names {}", nel, head.size() - 1));
  const std::vector<std::string> names(head.begin() + 1, head.end());
  const Grid g = read_grid(f);
  EamTables t;
  t.format = format;
  t.nrho = g.nrho;
  t.nr = g.nr;
  t.drho = g.drho;
  t.dr = g.dr;
  t.cut = g.cut;
  t.rhomax = (g.nrho - 1) * g.drho;
  std::vector<EamElement> file_elements;
  std::vector<double> values;
  const int ndens = format == EamFormat::fs ? nel : 1;
  for (int e = 0; e < nel; ++e) {
    EamElement el = read_element_line(f, "the element line 'Z mass lattice-constant lattice'");
    el.name = names[static_cast<std::size_t>(e)];
    file_elements.push_back(el);
    f.values(g.nrho, values, fmt::format("F(rho) of {}", el.name));
    t.frho.push_back(spline(values, t.nrho, t.drho));
    for (int k = 0; k < ndens; ++k) {
      f.values(g.nr, values,
               format == EamFormat::fs ? fmt::format("rho(r) of {} for {}", el.name, names[static_cast<std::size_t>(k)])
                                       : fmt::format("rho(r) of {}", el.name));
      t.rhor.push_back(spline(values, t.nr, t.dr));
    }
  }
  for (int a = 0; a < nel; ++a)
    for (int b = 0; b <= a; ++b) {
      f.values(g.nr, values, fmt::format("r*phi(r) of {}-{}", names[static_cast<std::size_t>(a)], names[static_cast<std::size_t>(b)]));
      t.z2r.push_back(spline(values, t.nr, t.dr));
    }
  f.expect_end();

  if (elements.empty()) f.fail_file("name the element of each atom type (elements = [...]); this file has " +
                                    fmt::format("{}", fmt::join(names, ", ")));
  std::vector<int> map;
  for (const auto& want : elements) {
    const auto it = std::find(names.begin(), names.end(), want);
    if (it == names.end())
      f.fail_file(fmt::format("element '{}' is not in this file (it has {})", want, fmt::join(names, ", ")));
    map.push_back(static_cast<int>(it - names.begin()));
    t.type_elements.push_back(file_elements[static_cast<std::size_t>(map.back())]);
  }
  const int nt = t.type_count(), stride = nt + 1;
  t.type2frho.assign(static_cast<std::size_t>(stride), 0);
  t.type2rhor.assign(static_cast<std::size_t>(stride * stride), 0);
  t.type2z2r.assign(static_cast<std::size_t>(stride * stride), 0);
  for (int a = 1; a <= nt; ++a) {
    t.type2frho[a] = map[a - 1];
    for (int b = 1; b <= nt; ++b) {
      // setfl: the density an atom of type a gives; fs: a's block, function for the element of b.
      t.type2rhor[a * stride + b] = format == EamFormat::fs ? map[a - 1] * nel + map[b - 1] : map[a - 1];
      t.type2z2r[a * stride + b] = triangle_index(map[a - 1], map[b - 1]);
    }
  }
  return t;
}

}  // namespace

EamFormat eam_format_from_style(const std::string& style) {
  if (style == "eam") return EamFormat::funcfl;
  if (style == "eam/alloy") return EamFormat::setfl;
  if (style == "eam/fs") return EamFormat::fs;
  throw Error(fmt::format("unknown EAM style '{}' (known: eam, eam/alloy, eam/fs)", style));
}

const char* eam_style_name(EamFormat f) {
  switch (f) {
    case EamFormat::funcfl: return "eam";
    case EamFormat::setfl: return "eam/alloy";
    case EamFormat::fs: return "eam/fs";
  }
  return "eam";
}

EamTables read_eam_tables(EamFormat format, const std::vector<std::filesystem::path>& files,
                          const std::vector<std::string>& elements) {
  if (format == EamFormat::funcfl) return funcfl_tables(files, elements);
  if (files.size() != 1)
    throw Error(fmt::format("pair style {} reads exactly one potential file, got {}", eam_style_name(format), files.size()));
  return multi_element_tables(format, files[0], elements);
}

}  // namespace vitrum
