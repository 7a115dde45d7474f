"""Le questionnaire à cliquer des modules à choix (module 01)."""

from __future__ import annotations

# The answer chosen must stand out at a glance, and not by its colour alone: a dark button with
# white bold text and a check mark before the word, plus a line « Ta réponse : … » beside the
# question (read by screen readers too). The styles only apply inside a questionnaire.
STYLE = """<style>
.obm-questionnaire .widget-toggle-button { min-width: 6.5em; }
.obm-questionnaire .widget-toggle-button.mod-active {
  background: #0b4f8a; color: #ffffff; font-weight: 700; box-shadow: inset 0 0 0 2px #062f54;
}
.obm-questionnaire .widget-toggle-button.mod-active::before { content: "✔ "; }
.obm-questionnaire .widget-toggle-button:focus-visible,
.obm-questionnaire input:focus-visible, .obm-questionnaire select:focus-visible {
  outline: 3px solid #c25e00; outline-offset: 1px;
}
.obm-questionnaire .obm-choix { color: #0b4f8a; font-weight: 700; }
.obm-questionnaire .obm-sans-choix { color: #555555; font-style: italic; }
</style>"""


def _lecture(valeur) -> str:
    """The HTML line that says which answer is chosen (or that none is yet)."""
    import html

    if valeur is None:
        return '<span class="obm-sans-choix">pas encore de réponse</span>'
    return f'<span class="obm-choix">✔ ta réponse : {html.escape(str(valeur))}</span>'


class Questionnaire:
    """Un quiz à cliquer : choisis tes réponses, puis copie les lignes à coller.

    Quand toutes les questions ont une réponse, le cadre du bas montre le code exact à coller
    dans la cellule de réponse de l'exercice. Le questionnaire ne note rien et ne garde rien :
    seule la cellule de réponse compte, car la correction relance le notebook.
    """

    def __init__(self, quiz):
        import html

        import ipywidgets as w

        from obm.quiz import Association, ChoixMultiple, ChoixUnique

        self.quiz = quiz
        self._champs: dict = {}
        self._lectures: dict = {}
        blocs = [w.HTML(STYLE)]
        for question in quiz.questions:
            titre = f"<b>{html.escape(question.id.upper())}.</b> {html.escape(question.enonce)}"
            if isinstance(question, ChoixUnique) and question.compacte:
                champ = w.ToggleButtons(options=list(question.valeurs), value=None,
                                        tooltips=[f"{question.id.upper()} : {v}" for v in question.valeurs],
                                        style={"button_width": "auto"})
                lecture = w.HTML(_lecture(None))
                self._lectures[question.id] = lecture
                blocs.append(w.HBox([champ, w.VBox([w.HTML(titre), lecture])]))
            elif isinstance(question, ChoixUnique):
                champ = w.RadioButtons(options=[(f"{v} · {l}", v) for v, l in question.choix],
                                       value=None, layout=w.Layout(width="auto"))
                lecture = w.HTML(_lecture(None))
                self._lectures[question.id] = lecture
                blocs.append(w.VBox([w.HTML(titre), champ, lecture]))
            elif isinstance(question, ChoixMultiple):
                champ = {v: w.Checkbox(value=False, description=f"{v} · {l}", indent=False,
                                       layout=w.Layout(width="auto"))
                         for v, l in question.choix}
                blocs.append(w.VBox([w.HTML(titre + " <i>(une ou plusieurs réponses)</i>"),
                                     *champ.values()]))
            else:
                assert isinstance(question, Association)
                # One row of buttons per element, as for the compact questions: a drop-down list
                # could not be changed from the keyboard in JupyterLab (Tab, then Space works here).
                champ = {c: w.ToggleButtons(options=list(question.valeurs), value=None,
                                            tooltips=list(question.valeurs),
                                            style={"button_width": "auto"})
                         for c, l in question.elements}
                lectures = {c: w.HTML(_lecture(None)) for c in question.cles}
                self._lectures.update({(question.id, c): lecture for c, lecture in lectures.items()})
                blocs.append(w.VBox([w.HTML(titre), *(
                    w.VBox([w.HTML(html.escape(l)), w.HBox([champ[c], lectures[c]])])
                    for c, l in question.elements)]))
            self._champs[question.id] = champ
        self.etat = w.HTML()
        self.code = w.Textarea(layout=w.Layout(width="100%"))
        self.vue = w.VBox([*blocs, self.etat, self.code])
        self.vue.add_class("obm-questionnaire")
        for champ in self._champs.values():
            for element in (champ.values() if isinstance(champ, dict) else [champ]):
                element.observe(self._actualiser, names="value")
        self._actualiser()

    @property
    def reponses(self) -> dict:
        """Les réponses choisies ; ``...`` pour ce qui n'a pas encore de réponse."""
        from obm.quiz import SANS_REPONSE, Association, ChoixMultiple

        reponses = {}
        for question in self.quiz.questions:
            champ = self._champs[question.id]
            if isinstance(question, ChoixMultiple):
                cochees = [v for v, case in champ.items() if case.value]
                reponses[question.id] = cochees or SANS_REPONSE
            elif isinstance(question, Association):
                reponses[question.id] = {c: SANS_REPONSE if d.value is None else d.value
                                         for c, d in champ.items()}
            else:
                reponses[question.id] = SANS_REPONSE if champ.value is None else champ.value
        return reponses

    @property
    def restantes(self) -> list[str]:
        """Les identifiants des questions qui n'ont pas encore (toute) leur réponse."""
        return [p.question for p in self.quiz.problemes(self.reponses) if p.manque]

    def _actualiser(self, _changement=None):
        for ident, lecture in self._lectures.items():
            if isinstance(ident, tuple):  # an element of an association
                question, element = ident
                lecture.value = _lecture(self._champs[question][element].value)
            else:
                lecture.value = _lecture(self._champs[ident].value)
        restantes = list(dict.fromkeys(self.restantes))
        if restantes:
            self.etat.value = ("Il te reste à répondre à : "
                               f"{', '.join(i.upper() for i in restantes)}.")
            self.code.value = ""
            self.code.layout.display = "none"
            return
        texte = self.quiz.texte_modele(self.reponses)
        self.etat.value = ("✅ Tout est répondu. Copie ces lignes (clique dans le cadre, "
                           "<code>Ctrl + A</code> puis <code>Ctrl + C</code>), colle-les dans la "
                           "cellule de réponse à la place du modèle, puis exécute-la : c'est elle "
                           "qui sera corrigée, pas ce questionnaire.")
        self.code.value = texte
        self.code.rows = min(texte.count("\n") + 1, 30)
        self.code.layout.display = None

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def questionnaire(quiz) -> Questionnaire:
    """Affiche un quiz à cliquer ; une fois tout répondu, il montre les lignes à coller dans la
    cellule de réponse (seule cette cellule est corrigée)."""
    return Questionnaire(quiz)
