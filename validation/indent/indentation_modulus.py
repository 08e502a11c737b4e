#!/usr/bin/python3
"""Indentation modulus M of an elastically anisotropic half-space: the modulus that takes the place of
E / (1 - nu^2) in Hertz's P = (4/3) M R^(1/2) h^(3/2) for an axisymmetric indenter.

Vlassak & Nix, Phil. Mag. A 67, 1045 (1993) and J. Mech. Phys. Solids 42, 1223 (1994): M follows from the surface
Green's function of the half-space averaged over the in-plane directions,

    M = 4 pi / oint_0^{2 pi} [Z^{-1}(theta)]_33 dtheta,

where, for a surface wave vector k along m = (cos theta, sin theta, 0) (surface normal n = e3), the surface
displacement answers a surface traction as u(k) = Z^{-1}(m) t(k) / |k|. Z^{-1} is computed here from the Stroh
sextic eigenproblem (Stroh, J. Math. Phys. 41, 77 (1962); Barnett & Lothe, Phys. Norv. 7, 13 (1973)): with
Q = (mm), R = (mn), T = (nn), (ab)_ik = a_j C_ijkl b_l, the fields a exp(i k (m.x + p z)) decaying into the
material (z < 0: Im p < 0) have [Q + p (R + R^T) + p^2 T] a = 0 and surface traction i k b, b = (R^T + p T) a;
then Z^{-1} = -i A B^{-1} with A, B the three decaying a and b as columns. Its 33 element is the 33 element of
L^{-1}, Barnett & Lothe's integral L (no eigenvectors: also for isotropic tensors, where the sextic is degenerate),
which is what M is computed from. For an isotropic half-space [Z^{-1}]_33 = 2 (1 - nu^2) / E in every direction,
whence the 4 pi. Averaging over theta treats the contact as circular, Vlassak & Nix's approximation for an
axisymmetric indenter on an anisotropic surface.

Checks (run with --check): an isotropic tensor gives E / (1 - nu^2) to 1e-10, and M does not depend on the
in-plane rotation of the crystal.
Usage: indentation_modulus.py C11 C12 C44                (cubic crystal, (001) surface)
       indentation_modulus.py --check"""
import sys

import numpy as np


def cubic(c11, c12, c44):
    C = np.zeros((3, 3, 3, 3))
    for i in range(3):
        for j in range(3):
            C[i, i, j, j] = c12
        C[i, i, i, i] = c11
    for i in range(3):
        for j in range(3):
            if i != j:
                C[i, j, i, j] = C[i, j, j, i] = c44
    return C


def isotropic(E, nu):
    lam, mu = E * nu / ((1 + nu) * (1 - 2 * nu)), E / (2 * (1 + nu))
    return cubic(lam + 2 * mu, lam, mu)


def rotate_z(C, phi):
    c, s = np.cos(phi), np.sin(phi)
    Rz = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])
    return np.einsum("ia,jb,kc,ld,abcd->ijkl", Rz, Rz, Rz, Rz, C)


def stroh_compliance(C, m, n=np.array([0.0, 0.0, 1.0])):
    """Z^{-1}(m) = -i A B^{-1} from the Stroh eigenvectors: u(k) = Z^{-1} t(k) / |k| on the surface z = 0 of the
    half-space z < 0. Not for (nearly) isotropic tensors: there the sextic is degenerate and A, B ill-conditioned."""
    def ab(a, b):
        return np.einsum("j,ijkl,l->ik", a, C, b)
    Q, R, T = ab(m, m), ab(m, n), ab(n, n)
    Ti = np.linalg.inv(T)
    N = np.block([[-Ti @ R.T, Ti], [R @ Ti @ R.T - Q, -R @ Ti]])  # N (a, b) = p (a, b)
    p, v = np.linalg.eig(N)
    keep = np.argsort(p.imag)[:3]  # Im p < 0: decaying into z < 0
    assert np.all(p[keep].imag < -1e-12), p
    A, B = v[:3, keep], v[3:, keep]
    return -1j * A @ np.linalg.inv(B)


def normal_compliance(C, m, n=np.array([0.0, 0.0, 1.0]), points=256):
    """[Z^{-1}(m)]_33 without eigenvectors: the 33 element of L^{-1}, Barnett & Lothe's L = -(1/pi) int_0^pi
    N3(omega) d omega, N3 = R T^{-1} R^T - Q over the rotated pair m cos w + n sin w, -m sin w + n cos w (the same
    number as stroh_compliance where that one is well conditioned: --check)."""
    w = (np.arange(points) + 0.5) * np.pi / points
    mm = np.outer(np.cos(w), m) + np.outer(np.sin(w), n)
    nn = -np.outer(np.sin(w), m) + np.outer(np.cos(w), n)
    Q = np.einsum("wj,ijkl,wl->wik", mm, C, mm)
    R = np.einsum("wj,ijkl,wl->wik", mm, C, nn)
    T = np.einsum("wj,ijkl,wl->wik", nn, C, nn)
    N3 = R @ np.linalg.inv(T) @ np.transpose(R, (0, 2, 1)) - Q
    L = -N3.mean(axis=0)
    return np.linalg.inv(L)[2, 2]


def indentation_modulus(C, points=360):
    theta = (np.arange(points) + 0.5) * 2 * np.pi / points
    g33 = [normal_compliance(C, np.array([np.cos(t), np.sin(t), 0.0])) for t in theta]
    return 4 * np.pi / (np.mean(g33) * 2 * np.pi)


def check():
    for E, nu in [(1.0, 0.25), (50.85, 0.3763), (200.0, 0.1)]:
        M = indentation_modulus(isotropic(E, nu))
        assert abs(M / (E / (1 - nu * nu)) - 1) < 1e-10, (E, nu, M, E / (1 - nu * nu))
    C = cubic(1.0, 0.6, 0.8)
    for t in (0.0, 0.3, 1.1):
        m = np.array([np.cos(t), np.sin(t), 0.0])
        assert abs(normal_compliance(C, m) - stroh_compliance(C, m)[2, 2].real) < 1e-10
    M0, M1 = indentation_modulus(C), indentation_modulus(rotate_z(C, 0.37))
    assert abs(M1 / M0 - 1) < 1e-6, (M0, M1)
    print("PASS: isotropic M = E / (1 - nu^2) to 1e-10; cubic: the L-integral and the Stroh eigenvectors agree to "
          "1e-10, (001) M independent of the in-plane rotation")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        check()
    else:
        c11, c12, c44 = map(float, sys.argv[1:4])
        C = cubic(c11, c12, c44)
        M = indentation_modulus(C)
        # Isotropic comparisons: Voigt averages of the cubic constants.
        K = (c11 + 2 * c12) / 3
        G = (c11 - c12 + 3 * c44) / 5
        E, nu = 9 * K * G / (3 * K + G), (3 * K - 2 * G) / (2 * (3 * K + G))
        print(f"C11 {c11:.6g} C12 {c12:.6g} C44 {c44:.6g} (Zener A = {2 * c44 / (c11 - c12):.4f}): "
              f"(001) indentation modulus M = {M:.6g}; Voigt-isotropic E/(1-nu^2) = {E / (1 - nu * nu):.6g}")
