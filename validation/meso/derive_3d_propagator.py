# Checks the 3D simple-shear Eshelby propagator of eshelby_propagator.hpp: solves isotropic elastic equilibrium
# q_j C_ijkl (eps_kl - eps^p_kl) = 0 for a plastic shear eps^p_xy at random q and compares sigma_xy/(2 mu eps^p_xy)
# with -[2 qx^2 qy^2/(1-nu) + qz^2 q^2]/q^4.  Run: /usr/bin/python3 validation/meso/derive_3d_propagator.py
import numpy as np
def G(q, nu, mu=1.0):
    lam = 2*mu*nu/(1-2*nu)
    C = np.zeros((3,3,3,3))
    d = np.eye(3)
    for i in range(3):
     for j in range(3):
      for k in range(3):
       for l in range(3):
        C[i,j,k,l] = lam*d[i,j]*d[k,l] + mu*(d[i,k]*d[j,l]+d[i,l]*d[j,k])
    ep = np.zeros((3,3)); ep[0,1]=ep[1,0]=1.0
    # acoustic tensor K_il = q_j C_ijkl q_k ; K u = -i q_j C_ijkl ep_kl  with eps = i/2 (q u + u q)
    K = np.einsum('j,ijkl,k->il', q, C, q)
    rhs = np.einsum('j,ijkl,kl->i', q, C, ep)   # (K) (i u) = rhs  -> i u = K^-1 rhs
    iu = np.linalg.solve(K, rhs)
    eps = 0.5*(np.outer(q, iu)+np.outer(iu, q))
    sig = np.einsum('ijkl,kl->ij', C, eps-ep)
    return sig[0,1]/(2*mu)
rng=np.random.default_rng(1)
for nu in [0.3, 0.45, 0.499999]:
  for _ in range(3):
    q = rng.normal(size=3); q2=q@q
    f = -(2*q[0]**2*q[1]**2/(1-nu) + q[2]**2*q2)/q2**2
    print(nu, G(q,nu), f)
