from .directory import Coordinator, DirectoryExport, Invitation
from .pages import FicheIndexPage, FichePage, FicheTag, HomePage, StandardPage, TerritoryIndexPage
from .snippets import Axis, Public, Territory

__all__ = [
    "Axis",
    "Coordinator",
    "DirectoryExport",
    "Invitation",
    "FicheIndexPage",
    "FichePage",
    "FicheTag",
    "HomePage",
    "Public",
    "StandardPage",
    "Territory",
    "TerritoryIndexPage",
]
