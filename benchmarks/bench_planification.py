"""Mesure la vitesse de obm.planification (objectif : 1 s au plus pour chaque mesure).

Lancer : ``.venv/bin/python benchmarks/bench_planification.py``

1. ``retroplanning`` sur 10 000 tâches tirées au hasard (graine 2027), dont la plus longue
   chaîne de dépendances compte au moins 200 tâches ;
2. le rendu en PNG du diagramme de Gantt d'un plan de 50 tâches.

Chaque temps est la médiane de plusieurs essais.
"""

import io
import random
import statistics
import time
from datetime import date

from obm.planification import diagramme_gantt, retroplanning

OBJECTIF_S = 1.0
DATE_CIBLE = date(2027, 5, 18)


def taches_aleatoires(nombre, graine=2027, fenetre=60):
    """Tâches reproductibles : chacune dépend de 0 à 3 tâches parmi les ``fenetre`` précédentes."""
    rng = random.Random(graine)
    taches = []
    for i in range(nombre):
        candidats = range(max(0, i - fenetre), i)
        k = min(len(candidats), rng.randint(0, 3))
        taches.append({
            "id": f"T{i}",
            "tache": f"Tâche {i}",
            "duree": rng.randint(1, 5),
            "predecesseurs": [f"T{j}" for j in rng.sample(candidats, k)],
        })
    return taches


def profondeur(taches):
    """Nombre de tâches de la plus longue chaîne (les prédécesseurs précèdent toujours ici)."""
    niveau = {}
    for t in taches:
        niveau[t["id"]] = 1 + max((niveau[p] for p in t["predecesseurs"]), default=0)
    return max(niveau.values())


def mediane(fonction, essais):
    temps = []
    for _ in range(essais):
        debut = time.perf_counter()
        fonction()
        temps.append(time.perf_counter() - debut)
    return statistics.median(temps)


def main():
    grandes = taches_aleatoires(10_000)
    chaine = profondeur(grandes)
    assert chaine >= 200, f"la plus longue chaîne ne compte que {chaine} tâches"
    retroplanning(grandes[:10], DATE_CIBLE)  # chauffe : imports et calendrier
    t_retro = mediane(lambda: retroplanning(grandes, DATE_CIBLE), essais=5)
    print(f"retroplanning, 10 000 tâches (plus longue chaîne : {chaine} tâches) : "
          f"{t_retro:.3f} s (médiane de 5 essais)")

    plan_50 = retroplanning(taches_aleatoires(50, fenetre=8), DATE_CIBLE)

    def rendre():
        diagramme_gantt(plan_50, date_cible=DATE_CIBLE).savefig(io.BytesIO(), format="png")

    rendre()  # chauffe : import de matplotlib, polices
    t_gantt = mediane(rendre, essais=5)
    print(f"diagramme_gantt, 50 tâches, rendu PNG : {t_gantt:.3f} s (médiane de 5 essais)")

    for nom, t in (("retroplanning", t_retro), ("diagramme_gantt", t_gantt)):
        verdict = "objectif atteint" if t <= OBJECTIF_S else "TROP LENT"
        print(f"{nom} : {verdict} (objectif : {OBJECTIF_S:.0f} s au plus)")


if __name__ == "__main__":
    main()
