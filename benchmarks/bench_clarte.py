"""Mesure la vitesse de obm.clarte (objectif : 10 ms au plus par consigne du corpus).

Le widget de la leçon 07 relance l'analyse à chaque frappe : elle doit rester imperceptible.

Lancer : ``.venv/bin/python benchmarks/bench_clarte.py``

1. ``analyser_consigne`` sur chaque consigne du corpus étiqueté
   (``tests/donnees/corpus_clarte.toml``) : médiane et maximum sur 5 passages (les verdicts ne
   sont ni affichés ni comparés ici) ;
2. une longue SOP (environ 6 000 caractères, 40 étapes) ;
3. un interpréteur neuf qui importe ``obm.clarte`` et analyse une consigne : c'est ce que fait
   une cellule de correction (``python -I``), médiane de 10 lancements.
"""

import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from obm.clarte import analyser_consigne

OBJECTIF_MS = 10.0
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "donnees" / "corpus_clarte.toml"


def mediane_ms(fonction, essais):
    temps = []
    for _ in range(essais):
        debut = time.perf_counter()
        fonction()
        temps.append(1000 * (time.perf_counter() - debut))
    return statistics.median(temps)


def main():
    textes = [c["texte"] for c in tomllib.loads(CORPUS.read_text(encoding="utf-8"))["consigne"]]
    analyser_consigne(textes[0])  # chauffe
    par_texte = [mediane_ms(lambda t=t: analyser_consigne(t), essais=5) for t in textes]
    print(f"analyser_consigne, {len(textes)} consignes du corpus : médiane "
          f"{statistics.median(par_texte):.2f} ms par consigne, maximum {max(par_texte):.2f} ms")

    etapes = "\n".join(
        f"{i}. Hugo dépose la vidéo {i} en MP4 dans le dossier « Programme » du Drive avant le "
        f"{1 + i % 28}/05 à 9 h ; si nécessaire, Léa relance rapidement." for i in range(1, 41))
    sop = f"SOP « Vidéos du programme » – responsable : Léa\n{etapes}\nTerminé = 40 fichiers MP4."
    t_sop = mediane_ms(lambda: analyser_consigne(sop), essais=10)
    print(f"une SOP de {len(sop)} caractères : {t_sop:.1f} ms")

    code = ("import sys, json, obm.clarte as c; "
            "print(json.dumps(c.analyser_consigne(sys.stdin.read()).en_dict()))")
    t_froid = mediane_ms(lambda: subprocess.run(
        [sys.executable, "-I", "-c", code], input=textes[0], capture_output=True, text=True,
        check=True), essais=10)
    print(f"interpréteur neuf (python -I) qui importe obm.clarte et analyse une consigne : "
          f"{t_froid:.0f} ms (médiane de 10)")

    pire = max(par_texte)
    verdict = "objectif atteint" if pire <= OBJECTIF_MS else "TROP LENT"
    print(f"analyser_consigne : {verdict} (objectif : {OBJECTIF_MS:.0f} ms au plus par consigne)")


if __name__ == "__main__":
    main()
