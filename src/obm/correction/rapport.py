"""``obm rapport`` : le rapport de compétences de la cohorte, en une page HTML avec ses figures PNG.

- pour la cohorte : une carte de chaleur (apprenantes × compétences évaluées) et les modules où
  elle peine (moyenne basse, question la plus ratée) ;
- pour chaque apprenante : un radar des compétences du cours (la médiane de la cohorte en
  pointillés), ses notes par module et les compétences à retravailler.

Les niveaux sont ceux de ``obm notes`` (part des points obtenus sur les questions qui
entraînent la compétence, réponses écrites en attente exclues).
"""

from __future__ import annotations

import datetime as dt
import html
import statistics
from dataclasses import dataclass
from pathlib import Path

from obm.correction.commun import Cours, format_points, identifiant, texte_sur
from obm.correction.notes import Releve, lire_releve
from obm.erreurs import DonneesInvalides

SEUIL_DIFFICULTE = 0.6   # a module under 60 % of its points on average: the cohort struggles
SEUIL_QUESTION = 0.5     # ... or one of its questions under 50 % success on average
SEUIL_A_RETRAVAILLER = 0.6


@dataclass
class Rapport:
    page: Path
    figures: list[Path]
    modules_en_difficulte: list[str]


def _pourcent(valeur: float | None) -> str:
    """Une part en pourcentage à la française ; « non évalué » quand il n'y a rien à mesurer
    (jamais confondu avec 0 %)."""
    if valeur is None:
        return NON_EVALUE
    from obm.fr import pourcentage

    return pourcentage(valeur, 0)


NON_EVALUE = "non évalué"


def _court(texte: str, largeur: int = 18) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(texte, largeur)[:4])


def couleur_du_texte(fond) -> str:
    """Noir ou blanc, celui qui contraste le plus avec la couleur de fond (luminance relative et
    rapport de contraste du WCAG 2)."""
    def lineaire(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lineaire(float(c)) for c in fond[:3])
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    contraste_noir = (luminance + 0.05) / 0.05
    contraste_blanc = 1.05 / (luminance + 0.05)
    return "#000000" if contraste_noir >= contraste_blanc else "#ffffff"


def _carte_de_chaleur(releve: Releve, chemin: Path) -> None:
    import matplotlib
    import numpy as np
    from matplotlib.figure import Figure

    codes = releve.competences_evaluees()
    eleves = [e.identifiant for e in releve.apprenantes]
    valeurs = np.array([[np.nan if (v := releve.niveaux(n)[c]) is None else 100 * v for c in codes]
                        for n in eleves], dtype=float).reshape(len(eleves), len(codes))
    fig = Figure(figsize=(max(6.0, 1.6 + 1.15 * len(codes)), max(3.2, 1.6 + 0.36 * len(eleves))),
                 layout="constrained")
    ax = fig.add_subplot()
    masque = np.ma.masked_invalid(valeurs)
    palette = matplotlib.colormaps["RdYlGn"].with_extremes(bad="#e6e6e6")
    image = ax.imshow(masque, cmap=palette, vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(len(codes)), [_court(releve.competences[c]) for c in codes], fontsize=7.5)
    ax.set_yticks(range(len(eleves)), [releve.nom(n) for n in eleves], fontsize=8)
    ax.xaxis.tick_top()
    for i in range(len(eleves)):
        for j in range(len(codes)):
            if np.isnan(valeurs[i, j]):
                ax.text(j, i, "non\névalué", ha="center", va="center", fontsize=6.5, color="#000000")
            else:
                fond = palette(image.norm(valeurs[i, j]))
                ax.text(j, i, f"{valeurs[i, j]:.0f} %", ha="center", va="center", fontsize=8,
                        color=couleur_du_texte(fond), fontweight="bold")
    fig.colorbar(image, ax=ax, label="part des points obtenus (%)")
    ax.set_title("Compétences évaluées, par apprenante (en gris : non évaluée)", pad=12)
    fig.savefig(chemin, dpi=110)


def _radar(releve: Releve, apprenante: str, medianes: dict[str, float | None], chemin: Path):
    """Le radar d'une apprenante, toujours de la même taille et à la même place : ses niveaux
    sur les compétences évaluées seulement (une compétence non évaluée n'est pas tracée à 0),
    la médiane de la cohorte en pointillés. Renvoie la figure (pour les tests)."""
    import numpy as np
    from matplotlib.figure import Figure

    codes = list(releve.competences)
    niveaux = releve.niveaux(apprenante)
    angles = np.linspace(0, 2 * np.pi, len(codes), endpoint=False)
    fermer = lambda valeurs: np.append(valeurs, valeurs[0])  # noqa: E731 - close the polygon
    fig = Figure(figsize=(6.0, 6.0))
    fig.subplots_adjust(left=0.17, right=0.83, top=0.80, bottom=0.14)
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    cohorte = np.array([np.nan if medianes[c] is None else 100 * medianes[c] for c in codes])
    ax.plot(fermer(angles), fermer(cohorte), linestyle="--", color="#555555", linewidth=1,
            label="médiane de la cohorte")
    valeurs = np.array([np.nan if niveaux[c] is None else 100 * niveaux[c] for c in codes])
    ax.plot(fermer(angles), fermer(valeurs), color="#1f5fa8", linewidth=2, label=releve.nom(apprenante))
    evaluees = [i for i, c in enumerate(codes) if niveaux[c] is not None]
    ax.plot(angles[evaluees], valeurs[evaluees], "o", color="#1f5fa8")
    if len(evaluees) == len(codes):
        ax.fill(fermer(angles), fermer(valeurs), color="#1f5fa8", alpha=0.2)
    etiquettes = [_court(releve.competences[c], 16) + ("" if niveaux[c] is not None else "\n(non évaluée)")
                  for c in codes]
    ax.set_xticks(angles, etiquettes, fontsize=6)
    for etiquette, code in zip(ax.get_xticklabels(), codes):
        if niveaux[code] is None:
            etiquette.set_color("#6b6b6b")
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100], ["25", "50", "75", "100 %"], fontsize=6)
    ax.set_title(f"Compétences de {releve.nom(apprenante)}", fontsize=10, pad=34)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.10), ncols=2, fontsize=8, frameon=False)
    fig.savefig(chemin, dpi=100)
    return fig


def _modules_cohorte(releve: Releve, titres: dict) -> list[dict]:
    """Pour chaque module : copies notées, moyenne, médiane, question la plus ratée (par le titre
    de son énoncé). Les copies non notées ne comptent pas dans les moyennes."""
    lignes = []
    for module in releve.modules:
        rendues = [c for (a, m), c in releve.copies.items() if m == module]
        copies = [c for c in rendues if c.non_notee is None]
        if not rendues:
            continue
        maximum = releve.maxima[module] or 1
        parts = [c.points / maximum for c in copies]
        reussite: dict[tuple[str, str], list[float]] = {}
        for copie in copies:
            for q in copie.questions:
                if not q.en_attente and q.maximum:
                    reussite.setdefault((q.notebook, q.question), []).append(q.points / q.maximum)
        par_question = {q: statistics.mean(v) for q, v in reussite.items()}
        pire = min(par_question, key=par_question.get) if par_question else None
        moyenne = statistics.mean(parts) if parts else None
        lignes.append({
            "module": module, "titre": releve.titres[module], "copies": len(copies),
            "non_notees": len(rendues) - len(copies),
            "moyenne": moyenne, "mediane": statistics.median(parts) if parts else None,
            "sous_la_moyenne": sum(p < 0.5 for p in parts),
            "pire_question": titres.get((module, *pire), pire[1]) if pire else None,
            "pire_reussite": par_question.get(pire),
            "en_difficulte": moyenne is not None and (
                moyenne < SEUIL_DIFFICULTE or (pire is not None and par_question[pire] < SEUIL_QUESTION)),
        })
    return sorted(lignes, key=lambda l: (l["moyenne"] is None, l["moyenne"] or 0))


_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #1d1d1d; padding: 0 1em; }
h1 { margin-bottom: 0.2em; } .sous-titre { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8em 0; } th, td { border: 1px solid #bbb; padding: 4px 8px; }
th { background: #f0f0f0; text-align: left; } td.nombre { text-align: right; }
tr.difficulte td { background: #fdecea; }
.apprenante { border-top: 2px solid #1f5fa8; margin-top: 2em; padding-top: 0.5em;
              display: grid; grid-template-columns: minmax(0, 1fr) 420px; gap: 2em; align-items: start; }
.apprenante img { width: 420px; height: 420px; } .note { color: #555; font-size: 0.9em; }
.non-notee { color: #8a1c1c; font-weight: 600; }
"""


def ecrire_rapport(cours: Cours, dossier: str | Path | None = None) -> Rapport:
    """Écrit ``index.html`` et ses figures dans ``dossier`` (par défaut ``rapport/``) et renvoie le chemin."""
    from obm.correction.questions import titres_du_module

    releve = lire_releve(cours)
    if not releve.copies:
        raise DonneesInvalides(
            "Le carnet de notes ne contient encore aucune copie corrigée : lance « obm corriger "
            "MODULE » avant le rapport."
        )
    dossier = Path(dossier) if dossier else cours.racine / "rapport"
    figures_dossier = dossier / "figures"
    figures_dossier.mkdir(parents=True, exist_ok=True)
    for ancienne in figures_dossier.glob("*.png"):
        ancienne.unlink()
    figures = []
    titres = {(module, nb, q): t for module in releve.modules
              for (nb, q), t in titres_du_module(cours.dossier("source"), module).items()}

    carte = figures_dossier / "cohorte_competences.png"
    _carte_de_chaleur(releve, carte)
    figures.append(carte)
    niveaux = {e.identifiant: releve.niveaux(e.identifiant) for e in releve.apprenantes}
    medianes = {}
    for code in releve.competences:
        connues = [n[code] for n in niveaux.values() if n[code] is not None]
        medianes[code] = statistics.median(connues) if connues else None
    modules = _modules_cohorte(releve, titres)
    non_notees = sorted(((releve.nom(a), m, c.non_notee) for (a, m), c in releve.copies.items()
                         if c.non_notee is not None), key=lambda x: (x[1], x[0]))
    e = html.escape
    morceaux = [
        "<!DOCTYPE html>", '<html lang="fr"><head><meta charset="utf-8">',
        "<title>Rapport de compétences · Académie OBM</title>", f"<style>{_STYLE}</style></head><body>",
        "<h1>Rapport de compétences de la cohorte</h1>",
        f'<p class="sous-titre">Académie OBM · {len(releve.apprenantes)} apprenante(s) · '
        f"{len(releve.modules)} module(s) corrigé(s) · établi le {dt.date.today():%d/%m/%Y}</p>",
        '<p class="note">Le niveau d\'une compétence est la part des points obtenus sur les questions '
        "qui l'entraînent, dans les copies notées ; une réponse écrite pas encore notée et une copie "
        "non notée ne comptent pas. « non évalué » : aucune question notée ne l'a encore mesurée "
        "(ce n'est pas 0 %).</p>",
        "<h2>Où la cohorte peine</h2>",
    ]
    difficiles = [l for l in modules if l["en_difficulte"]]
    if difficiles:
        morceaux.append("<p>Modules où la cohorte est en difficulté (moyenne sous "
                        f"{100 * SEUIL_DIFFICULTE:.0f} % ou une question réussie à moins de "
                        f"{100 * SEUIL_QUESTION:.0f} %) : <b>"
                        + ", ".join(e(f"{l['module']} · {l['titre']}") for l in difficiles)
                        + "</b>. À reprendre en séance collective, en commençant par la question la plus ratée.</p>")
    else:
        morceaux.append("<p>Aucun module en difficulté : chaque moyenne dépasse "
                        f"{100 * SEUIL_DIFFICULTE:.0f} % et aucune question n'est massivement ratée.</p>")
    morceaux.append("<table><tr><th>Module</th><th>Copies notées</th><th>Non notées</th>"
                    "<th>Moyenne</th><th>Médiane</th><th>Copies sous 50 %</th>"
                    "<th>Question la plus ratée</th></tr>")
    for l in modules:
        classe = ' class="difficulte"' if l["en_difficulte"] else ""
        pire = (f"{e(l['pire_question'])} ({_pourcent(l['pire_reussite'])} de réussite)"
                if l["pire_question"] else NON_EVALUE)
        morceaux.append(
            f"<tr{classe}><td>{e(l['module'])} · {e(l['titre'])}</td><td class=\"nombre\">{l['copies']}</td>"
            f"<td class=\"nombre\">{l['non_notees']}</td>"
            f"<td class=\"nombre\">{_pourcent(l['moyenne'])}</td><td class=\"nombre\">{_pourcent(l['mediane'])}</td>"
            f"<td class=\"nombre\">{l['sous_la_moyenne']}</td><td>{pire}</td></tr>")
    morceaux.append("</table>")
    if non_notees:
        morceaux += ["<h3>Copies non notées (hors moyennes)</h3>",
                     "<p>La correction n'a pas pu noter ces copies : demande à chacune de renvoyer "
                     "la sienne, puis relance « obm corriger ».</p>",
                     "<table><tr><th>Apprenante</th><th>Module</th><th>Raison</th></tr>"]
        morceaux += [f"<tr><td>{e(nom)}</td><td>{e(module)}</td><td>{e(texte_sur(raison, 400))}</td></tr>"
                     for nom, module, raison in non_notees]
        morceaux.append("</table>")
    morceaux += ["<h2>Compétences de la cohorte</h2>",
                 f'<img src="figures/{carte.name}" alt="Carte de chaleur : pour chaque apprenante, '
                 'la part des points obtenus dans chaque compétence évaluée ; le tableau ci-dessous '
                 'donne les médianes">',
                 "<h3>Médiane de la cohorte par compétence</h3>",
                 "<table><tr><th>Compétence</th><th>Médiane</th></tr>"]
    for code, intitule in releve.competences.items():
        morceaux.append(f"<tr><td>{e(intitule)}</td><td class=\"nombre\">{_pourcent(medianes[code])}</td></tr>")
    morceaux += ["</table>", "<h2>Par apprenante</h2>"]

    for numero, eleve in enumerate(releve.apprenantes):
        ident = eleve.identifiant
        radar = figures_dossier / f"radar_{numero:03d}_{identifiant(ident)[:40] or 'apprenante'}.png"
        _radar(releve, ident, medianes, radar)
        figures.append(radar)
        affiche = releve.nom(ident)
        evaluees = {c: v for c, v in niveaux[ident].items() if v is not None}
        a_retravailler = sorted((v, c) for c, v in evaluees.items() if v < SEUIL_A_RETRAVAILLER)
        morceaux += [f'<section class="apprenante" id="apprenante-{numero}"><div>',
                     f"<h3>{e(affiche)}</h3>",
                     "<table><tr><th>Module</th><th>Points</th><th>À noter à la main</th></tr>"]
        for module in releve.modules:
            copie = releve.copie(ident, module)
            if copie is None:
                morceaux.append(f"<tr><td>{e(module)}</td><td>non rendu</td><td></td></tr>")
            elif copie.non_notee is not None:
                morceaux.append(f"<tr><td>{e(module)}</td><td class=\"non-notee\">non notée : "
                                f"{e(texte_sur(copie.non_notee, 200))}</td><td></td></tr>")
            else:
                morceaux.append(
                    f"<tr><td>{e(module)}</td><td class=\"nombre\">{format_points(copie.points)} / "
                    f"{format_points(copie.maximum)}</td><td class=\"nombre\">{copie.a_noter_a_la_main or ''}</td></tr>")
        morceaux.append("</table>")
        if not evaluees:
            morceaux.append("<p>Aucune compétence évaluée pour l'instant (pas de copie notée).</p>")
        elif a_retravailler:
            morceaux.append("<p>À retravailler : " + ", ".join(
                f"{e(releve.competences[c])} ({_pourcent(v)})" for v, c in a_retravailler) + "</p>")
        else:
            morceaux.append("<p>Rien à retravailler en priorité parmi les compétences évaluées.</p>")
        morceaux += [f'</div><img src="figures/{radar.name}" alt="Radar des compétences de {e(affiche)} : '
                     'ses niveaux sont ceux du tableau ci-contre et des compétences à retravailler">',
                     "</section>"]
    morceaux.append("</body></html>")
    page = dossier / "index.html"
    page.write_text("\n".join(morceaux), encoding="utf-8")
    return Rapport(page, figures, [l["module"] for l in difficiles])
