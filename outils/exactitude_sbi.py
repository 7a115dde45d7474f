"""Measure obm.feedback.analyser_sbi against the labelled corpus (tests/donnees/corpus_sbi.toml).

Usage (developer tool, from the repository root):

    .venv/bin/python outils/exactitude_sbi.py            # accuracy per field and per split
    .venv/bin/python outils/exactitude_sbi.py --ecarts   # + the `reglage` texts in disagreement
    .venv/bin/python outils/exactitude_sbi.py --corpus autre.toml
    .venv/bin/python outils/exactitude_sbi.py --a-partir-de f116   # only ids f116 and after

Fields: situation, comportement, impact and complet (all three). Disagreements are listed for
the `reglage` split only: the `test` split is held out (never read to tune the analyser), so only
its figures are printed.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "src"))

from obm.feedback import analyser_sbi  # noqa: E402

CHAMPS = ("situation", "comportement", "impact", "complet")
CORPUS = RACINE / "tests" / "donnees" / "corpus_sbi.toml"


def attendu(entree: dict, champ: str) -> bool:
    if champ == "complet":
        return entree["situation"] and entree["comportement"] and entree["impact"]
    return entree[champ]


def mesurer(entrees: list[dict]) -> tuple[dict[str, int], dict[str, list[str]], float]:
    justes = {c: 0 for c in CHAMPS}
    ecarts: dict[str, list[str]] = {c: [] for c in CHAMPS}
    debut = time.perf_counter()
    for e in entrees:
        verdict = analyser_sbi(e["texte"])
        for c in CHAMPS:
            if getattr(verdict, c) == attendu(e, c):
                justes[c] += 1
            else:
                ecarts[c].append(e["id"])
    duree = (time.perf_counter() - debut) / max(1, len(entrees))
    return justes, ecarts, duree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--ecarts", action="store_true",
                        help="lister les textes du jeu reglage en désaccord")
    parser.add_argument("--a-partir-de", metavar="ID", default="",
                        help="ne mesurer que les textes dont l'id vient après ID (f116…)")
    args = parser.parse_args()
    entrees = tomllib.loads(args.corpus.read_text(encoding="utf-8"))["feedback"]
    entrees = [e for e in entrees if e["id"] >= args.a_partir_de]
    print("| jeu | textes | " + " | ".join(CHAMPS) + " | ms/texte |")
    print("|---|---:|" + "---:|" * len(CHAMPS) + "---:|")
    for jeu in ("reglage", "test"):
        partie = [e for e in entrees if e["jeu"] == jeu]
        if not partie:
            continue
        justes, ecarts, duree = mesurer(partie)
        n = len(partie)
        cellules = " | ".join(f"{100 * justes[c] / n:.1f} % ({justes[c]}/{n})" for c in CHAMPS)
        print(f"| {jeu} | {n} | {cellules} | {1000 * duree:.2f} |")
        if args.ecarts and jeu == "reglage":
            par_id = {e["id"]: e for e in partie}
            for c in CHAMPS[:3]:
                for ident in ecarts[c]:
                    e = par_id[ident]
                    print(f"  {c:<12} {ident} attendu {e[c]!s:<5} [{e['categorie']}] "
                          f"{e['texte'][:150]}")


if __name__ == "__main__":
    main()
