from .directory import Coordinator
from .pages import FicheIndexPage, FichePage, FicheTag, HomePage, StandardPage, TerritoryIndexPage
from .snippets import Axis, Public, Territory

__all__ = [
    "Axis",
    "Coordinator",
    "FicheIndexPage",
    "FichePage",
    "FicheTag",
    "HomePage",
    "Public",
    "StandardPage",
    "Territory",
    "TerritoryIndexPage",
]
