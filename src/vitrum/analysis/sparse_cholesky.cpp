#include "vitrum/analysis/sparse_cholesky.hpp"

#include <cholmod.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/resources.hpp"

namespace vitrum::analysis {

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

const char* status_text(int status) {
  switch (status) {
    case CHOLMOD_OUT_OF_MEMORY: return "out of memory";
    case CHOLMOD_TOO_LARGE: return "the factor is too large for 32-bit indices";
    case CHOLMOD_INVALID: return "invalid input";
    case CHOLMOD_NOT_INSTALLED: return "method not installed";
    case CHOLMOD_NOT_POSDEF: return "not positive definite";
    default: return "unknown failure";
  }
}
}  // namespace

struct SparseCholesky::Impl {
  cholmod_common c{};
  cholmod_factor* factor = nullptr;
  mutable cholmod_dense *x = nullptr, *y = nullptr, *e = nullptr;  // cholmod_solve2's reusable solution and workspace

  Impl() {
    cholmod_start(&c);
    c.print = 0;  // errors are ours to word; CHOLMOD would print them to stdout
    c.supernodal = CHOLMOD_SUPERNODAL;
  }
  ~Impl() {
    free_solve_workspace();
    if (factor) cholmod_free_factor(&factor, &c);
    cholmod_finish(&c);
  }
  void free_solve_workspace() const {
    auto& cc = const_cast<cholmod_common&>(c);
    if (x) cholmod_free_dense(&x, &cc);
    if (y) cholmod_free_dense(&y, &cc);
    if (e) cholmod_free_dense(&e, &cc);
  }
};

SparseCholesky::SparseCholesky(std::string what) : what_(std::move(what)), impl_(std::make_unique<Impl>()) {}
SparseCholesky::~SparseCholesky() = default;

bool SparseCholesky::factorize(const SparseMatrix& lower, double shift) {
  if (lower.rows() != lower.cols())
    throw Error(fmt::format("{}: the matrix to factorise is not square ({} x {})", what_, lower.rows(), lower.cols()));
  SparseMatrix compressed;
  const SparseMatrix* a = &lower;
  if (!lower.isCompressed()) {
    compressed = lower;
    compressed.makeCompressed();
    a = &compressed;
  }
  cholmod_sparse view{};
  view.nrow = view.ncol = static_cast<std::size_t>(a->rows());
  view.nzmax = static_cast<std::size_t>(a->nonZeros());
  view.p = const_cast<int*>(a->outerIndexPtr());
  view.i = const_cast<int*>(a->innerIndexPtr());
  view.x = const_cast<double*>(a->valuePtr());
  view.stype = -1;  // symmetric, lower triangle stored
  view.itype = CHOLMOD_INT;
  view.xtype = CHOLMOD_REAL;
  view.dtype = CHOLMOD_DOUBLE;
  view.sorted = 1;
  view.packed = 1;

  const auto t0 = std::chrono::steady_clock::now();
  Impl& m = *impl_;
  m.free_solve_workspace();
  if (m.factor) cholmod_free_factor(&m.factor, &m.c);
  m.factor = cholmod_analyze(&view, &m.c);
  if (!m.factor || m.c.status < CHOLMOD_OK)
    throw Error(fmt::format("{}: the ordering of the sparse Cholesky factorisation failed (CHOLMOD: {})", what_,
                            status_text(m.c.status)));
  // The symbolic analysis knows the factor's size: refuse one that cannot fit rather than be killed for memory.
  check_allocation(what_, factor_entries(), sizeof(double), "sparse Cholesky factor entries");
  double beta[2] = {shift, 0.0};
  cholmod_factorize_p(&view, beta, nullptr, 0, m.factor, &m.c);
  factor_seconds_ += seconds_since(t0);
  if (m.c.status < CHOLMOD_OK)
    throw Error(fmt::format("{}: the sparse Cholesky factorisation failed (CHOLMOD: {})", what_, status_text(m.c.status)));
  return m.c.status != CHOLMOD_NOT_POSDEF && m.factor->minor == m.factor->n;
}

void SparseCholesky::solve(const double* b, double* x, int cols) const {
  const auto t0 = std::chrono::steady_clock::now();
  const Impl& m = *impl_;
  if (!m.factor || m.factor->minor != m.factor->n) throw Error(fmt::format("{}: solve before a successful factorisation", what_));
  auto& c = const_cast<cholmod_common&>(m.c);
  const auto n = static_cast<std::size_t>(m.factor->n);
  cholmod_dense rhs{};
  rhs.nrow = n;
  rhs.ncol = static_cast<std::size_t>(cols);
  rhs.d = n;
  rhs.nzmax = n * rhs.ncol;
  rhs.x = const_cast<double*>(b);
  rhs.xtype = CHOLMOD_REAL;
  rhs.dtype = CHOLMOD_DOUBLE;
  if (!cholmod_solve2(CHOLMOD_A, m.factor, &rhs, nullptr, &m.x, nullptr, &m.y, &m.e, &c))
    throw Error(fmt::format("{}: the sparse Cholesky solve failed (CHOLMOD: {})", what_, status_text(c.status)));
  const auto* sol = static_cast<const double*>(m.x->x);
  for (std::size_t k = 0; k < rhs.ncol; ++k) std::memcpy(x + k * n, sol + k * m.x->d, n * sizeof(double));
  solve_seconds_ += seconds_since(t0);
  ++solve_calls_;
}

Eigen::MatrixXd SparseCholesky::solve(const Eigen::MatrixXd& b) const {
  if (b.rows() != rows()) throw Error(fmt::format("{}: a right-hand side of {} rows for a {}-row factor", what_, b.rows(), rows()));
  Eigen::MatrixXd x(b.rows(), b.cols());
  if (b.cols() > 0) solve(b.data(), x.data(), static_cast<int>(b.cols()));
  return x;
}

Eigen::Index SparseCholesky::rows() const {
  return impl_->factor ? static_cast<Eigen::Index>(impl_->factor->n) : 0;
}

double SparseCholesky::factor_entries() const {
  const cholmod_factor* f = impl_->factor;
  if (!f) return 0.0;
  return f->is_super ? static_cast<double>(f->xsize) : std::max(impl_->c.lnz, static_cast<double>(f->nzmax));
}

double SparseCholesky::flops() const { return impl_->c.fl; }

}  // namespace vitrum::analysis
