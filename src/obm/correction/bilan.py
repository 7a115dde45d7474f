"""Le bilan d'``obm corriger`` : une ligne par copie, puis le bloc « Copies à vérifier : »."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from obm.correction.commun import (AVERTISSEMENT_SANS_BAC, chemin_court, format_points, texte_sur,
                                   url_lisible)

ENTETE_A_VERIFIER = "Copies à vérifier :"  # typographie : telle quelle


@dataclass
class Copie:
    """Le résultat de la correction d'une copie."""

    apprenante: str
    notee: bool
    raison: str | None = None          # why the submission could not be graded
    alertes: list[str] = field(default_factory=list)  # graded, but worth a look
    points: float | None = None
    maximum: float | None = None
    a_noter_a_la_main: int = 0
    duree: float = 0.0

    @property
    def a_verifier(self) -> str | None:
        """La raison, en français, de regarder cette copie (ou None)."""
        if not self.notee:
            return self.raison
        return " ; ".join(self.alertes) or None


@dataclass
class BilanCorrection:
    module: str
    copies: list[Copie]
    duree: float
    processus: int
    url: str
    sauvegarde: Path
    journal: Path
    bac_a_sable: bool = True

    def texte(self, racine: Path | None = None) -> str:
        """Le bilan à afficher ; il finit par le bloc « Copies à vérifier : »."""
        notees = sum(c.notee for c in self.copies)
        lignes = [] if self.bac_a_sable else [AVERTISSEMENT_SANS_BAC, ""]
        lignes += [
            f"Correction de {self.module} : {notees} copie(s) notée(s) sur {len(self.copies)} "
            f"en {self.duree:.0f} s, avec {self.processus} processus.",
            f"Carnet de notes : {url_lisible(self.url)}",
            f"Sauvegarde d'avant la correction : {chemin_court(self.sauvegarde, racine)}",
            f"Journal de nbgrader : {chemin_court(self.journal, racine)}",
            "",
        ]
        largeur = max(len(texte_sur(c.apprenante)) for c in self.copies)
        for copie in self.copies:
            if not copie.notee:
                detail = "non notée (voir ci-dessous)"
            else:
                detail = f"{format_points(copie.points)} / {format_points(copie.maximum)} points"
                if copie.a_noter_a_la_main:
                    detail += f" ({copie.a_noter_a_la_main} réponse(s) à noter à la main)"
            lignes.append(f"  {texte_sur(copie.apprenante):<{largeur}}  {detail}")
        lignes.append("")
        a_verifier = [(c.apprenante, c.a_verifier) for c in self.copies if c.a_verifier]
        if a_verifier:
            lignes.append(ENTETE_A_VERIFIER)
            # Pinned format, read by external checks: « - <id> : <raison> », plain spaces. Names,
            # cell ids and file names come from the copies: one line each, whatever they hold.
            lignes += [f"- {texte_sur(apprenante)} : {texte_sur(raison, 1000)}"  # typographie : telle quelle
                       for apprenante, raison in a_verifier]
        else:
            lignes.append(f"{ENTETE_A_VERIFIER} aucune")
        return "\n".join(lignes)
