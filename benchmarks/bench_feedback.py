"""Mesure la vitesse de obm.feedback (objectif : 50 ms au plus par texte).

Lancer : ``.venv/bin/python benchmarks/bench_feedback.py``

1. ``analyser_sbi`` sur chaque texte du corpus étiqueté (``tests/donnees/corpus_sbi.toml``) :
   médiane et maximum sur 5 passages (les verdicts ne sont ni affichés ni comparés ici) ;
2. ``analyser_sbi_parties`` et ``structurer_star`` sur un exemple ;
3. un interpréteur neuf qui importe ``obm.feedback`` et analyse un texte : c'est ce que fait
   chaque cellule de correction de l'exercice 10 (``python -I``), médiane de 10 lancements.
"""

import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from obm.feedback import analyser_sbi, analyser_sbi_parties, structurer_star

OBJECTIF_MS = 50.0
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "donnees" / "corpus_sbi.toml"


def mediane_ms(fonction, essais):
    temps = []
    for _ in range(essais):
        debut = time.perf_counter()
        fonction()
        temps.append(1000 * (time.perf_counter() - debut))
    return statistics.median(temps)


def main():
    textes = [f["texte"] for f in tomllib.loads(CORPUS.read_text(encoding="utf-8"))["feedback"]]
    analyser_sbi(textes[0])  # chauffe
    par_texte = [mediane_ms(lambda t=t: analyser_sbi(t), essais=5) for t in textes]
    print(f"analyser_sbi, {len(textes)} textes du corpus : médiane "
          f"{statistics.median(par_texte):.2f} ms par texte, maximum {max(par_texte):.2f} ms")

    t_parties = mediane_ms(lambda: analyser_sbi_parties(
        "Mardi, pendant le point d'équipe,", "tu as coupé la parole à Inès trois fois",
        "elle a fini la réunion caméra coupée."), essais=20)
    t_star = mediane_ms(lambda: structurer_star(
        "Lundi 3 mai, en préparant le webinaire", "envoyer le lien Zoom aux 620 inscrites",
        "tu as envoyé le lien dans un mail sans objet", "85 mails sont arrivés en spam",
        "un objet comme « Ton lien pour mardi 19 h »", "ces inscrites auraient reçu leur lien"),
        essais=20)
    print(f"analyser_sbi_parties : {t_parties:.2f} ms · structurer_star : {t_star:.2f} ms")

    code = ("import sys, json, obm.feedback as f; "
            "print(json.dumps(f.analyser_sbi(sys.stdin.read()).en_dict()))")
    t_froid = mediane_ms(lambda: subprocess.run(
        [sys.executable, "-I", "-c", code], input=textes[0], capture_output=True, text=True,
        check=True), essais=10)
    print(f"interpréteur neuf (python -I) qui importe obm.feedback et analyse un texte : "
          f"{t_froid:.0f} ms (médiane de 10)")

    pire = max(par_texte)
    verdict = "objectif atteint" if pire <= OBJECTIF_MS else "TROP LENT"
    print(f"analyser_sbi : {verdict} (objectif : {OBJECTIF_MS:.0f} ms au plus par texte)")


if __name__ == "__main__":
    main()
