"""Analyses of a System in freud's shape: construct with options, ``.compute(system)``, read the results.

RDF, StructureFactor, Voronoi and Steinhardt need no potential; Voronoi(...).compute(system, potential) takes the
radii ``vitrum analyze`` takes. NormalModes and ElasticConstants need a Potential and an inherent structure
(``Potential.minimize``). D2min compares two states of the same atoms. Arrays are NumPy copies.
"""
from ._vitrum.analysis import D2min, ElasticConstants, NormalModes, RDF, Steinhardt, StructureFactor, Voronoi

__all__ = ["RDF", "StructureFactor", "Voronoi", "Steinhardt", "NormalModes", "ElasticConstants", "D2min"]
