/*
 * knead's own spoken words, per language (see words.h).
 *
 * These translations are ours, written for this program: plain words a
 * person lying on a ball with eyes closed understands, the anatomy named as
 * a physiotherapist would to a patient. The routine's `say` texts are the
 * routine author's and are never translated.
 *
 * To add a language: copy one table below (kind words, side phrases, the
 * rep format with exactly two %d, the two phrases, and one name for every
 * area id of areas.c), set its primary language subtag ("it"), add it to
 * words_tables[], and run the unit tests (tests/unit/test_words.c checks
 * that nothing is missing). The side phrases follow "side" as a noun in the
 * language ("côté" m., "Seite" f., "lado" m.), so they agree with it and
 * not with the area. espeak-ng must have a voice for the language.
 */
#include "words.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"

static const struct words words_english = {
	"en",
	{ "Position", "Press", "Roll", "Stretch", "Contract", "Relax",
	  "Stretch", "Breathe", "Rest", "Switch sides", "Release", "Move", "Next" },
	", left side", ", right side",
	"Rep %d of %d.", "Hold until it softens, at most %d seconds.",
	"Ten seconds.",
	NULL
};

static const struct words_area words_fr_areas[] = {
	{ "upper-trapezius", "Trapèze supérieur" },
	{ "levator-scapulae", "Élévateur de l'omoplate" },
	{ "suboccipitals", "Muscles sous-occipitaux" },
	{ "infraspinatus", "Infra-épineux" },
	{ "teres-major", "Grand rond" },
	{ "rhomboids", "Rhomboïdes" },
	{ "thoracic-spine", "Colonne dorsale" },
	{ "erector-spinae", "Muscles le long de la colonne" },
	{ "lats", "Grand dorsal" },
	{ "quadratus-lumborum", "Carré des lombes" },
	{ "pec-major", "Grand pectoral" },
	{ "pec-minor", "Petit pectoral" },
	{ "forearm-extensors", "Extenseurs de l'avant-bras" },
	{ "forearm-flexors", "Fléchisseurs de l'avant-bras" },
	{ "gluteus-maximus", "Grand fessier" },
	{ "gluteus-medius", "Moyen fessier" },
	{ "piriformis", "Piriforme" },
	{ "tfl", "Tenseur du fascia lata" },
	{ "hip-flexors", "Fléchisseurs de la hanche" },
	{ "quadriceps", "Quadriceps" },
	{ "adductors", "Adducteurs" },
	{ "hamstrings", "Ischio-jambiers" },
	{ "calves", "Mollets" },
	{ "tibialis-anterior", "Jambier antérieur" },
	{ "plantar-fascia", "Plante du pied" },
	{ "anterior-neck", "Devant du cou" },
	{ "lateral-neck", "Côté du cou" },
	{ "cervical-spine", "Vertèbres du cou" },
	{ "temporal-area", "Tempe" },
	{ "face-tmj", "Articulation de la mâchoire" },
	{ "spine-midline", "Colonne vertébrale" },
	{ "lumbar-spine", "Bas de la colonne" },
	{ "kidney-area", "Région des reins" },
	{ "xiphoid", "Bas du sternum" },
	{ "axilla", "Aisselle" },
	{ "deltopectoral-triangle", "Devant de l'articulation de l'épaule" },
	{ "anterior-abdomen", "Ventre" },
	{ "femoral-triangle", "Aine" },
	{ "sciatic-notch", "Échancrure sciatique" },
	{ "antecubital-fossa", "Pli du coude" },
	{ "ulnar-groove", "Intérieur du coude" },
	{ "popliteal-fossa", "Creux du genou" },
	{ "fibular-head", "Extérieur du genou" },
	{ "tarsal-tunnel", "Intérieur de la cheville" },
	{ "bony-prominence", "Saillies osseuses" },
	{ NULL, NULL }
};

static const struct words words_french = {
	"fr",
	{ "Position", "Appuyez", "Roulez", "Étirez", "Contractez",
	  "Détendez-vous", "Étirez", "Respirez", "Repos", "Changez de côté",
	  "Relâchez", "Bougez", "Suivant" },
	", côté gauche", ", côté droit",
	"Répétition %d sur %d.",
	"Tenez jusqu'à ce que ça se détende, %d secondes au plus.",
	"Encore dix secondes.",
	words_fr_areas
};

static const struct words_area words_de_areas[] = {
	{ "upper-trapezius", "Oberer Trapezmuskel" },
	{ "levator-scapulae", "Schulterblattheber" },
	{ "suboccipitals", "Kurze Nackenmuskeln" },
	{ "infraspinatus", "Untergrätenmuskel" },
	{ "teres-major", "Großer Rundmuskel" },
	{ "rhomboids", "Rautenmuskeln" },
	{ "thoracic-spine", "Brustwirbelsäule" },
	{ "erector-spinae", "Muskeln neben der Wirbelsäule" },
	{ "lats", "Breiter Rückenmuskel" },
	{ "quadratus-lumborum", "Quadratischer Lendenmuskel" },
	{ "pec-major", "Großer Brustmuskel" },
	{ "pec-minor", "Kleiner Brustmuskel" },
	{ "forearm-extensors", "Unterarmstrecker" },
	{ "forearm-flexors", "Unterarmbeuger" },
	{ "gluteus-maximus", "Großer Gesäßmuskel" },
	{ "gluteus-medius", "Mittlerer Gesäßmuskel" },
	{ "piriformis", "Piriformis-Muskel" },
	{ "tfl", "Schenkelbindenspanner" },
	{ "hip-flexors", "Hüftbeuger" },
	{ "quadriceps", "Vorderer Oberschenkelmuskel" },
	{ "adductors", "Adduktoren" },
	{ "hamstrings", "Hintere Oberschenkelmuskeln" },
	{ "calves", "Waden" },
	{ "tibialis-anterior", "Vorderer Schienbeinmuskel" },
	{ "plantar-fascia", "Fußsohle" },
	{ "anterior-neck", "Vorderseite des Halses" },
	{ "lateral-neck", "Seite des Halses" },
	{ "cervical-spine", "Halswirbel" },
	{ "temporal-area", "Schläfe" },
	{ "face-tmj", "Kiefergelenk" },
	{ "spine-midline", "Wirbelsäule" },
	{ "lumbar-spine", "Lendenwirbelsäule" },
	{ "kidney-area", "Nierengegend" },
	{ "xiphoid", "Unteres Ende des Brustbeins" },
	{ "axilla", "Achselhöhle" },
	{ "deltopectoral-triangle", "Vorderseite des Schultergelenks" },
	{ "anterior-abdomen", "Bauch" },
	{ "femoral-triangle", "Leiste" },
	{ "sciatic-notch", "Sitzbeineinschnitt" },
	{ "antecubital-fossa", "Ellenbeuge" },
	{ "ulnar-groove", "Innenseite des Ellenbogens" },
	{ "popliteal-fossa", "Kniekehle" },
	{ "fibular-head", "Außenseite des Knies" },
	{ "tarsal-tunnel", "Innenseite des Knöchels" },
	{ "bony-prominence", "Knochenvorsprünge" },
	{ NULL, NULL }
};

static const struct words words_german = {
	"de",
	{ "Position", "Drücken", "Rollen", "Dehnen", "Anspannen",
	  "Entspannen", "Dehnen", "Atmen", "Pause", "Seite wechseln",
	  "Loslassen", "Bewegen", "Weiter" },
	", linke Seite", ", rechte Seite",
	"Wiederholung %d von %d.",
	"Halten, bis es nachgibt, höchstens %d Sekunden.",
	"Noch zehn Sekunden.",
	words_de_areas
};

static const struct words_area words_es_areas[] = {
	{ "upper-trapezius", "Trapecio superior" },
	{ "levator-scapulae", "Elevador de la escápula" },
	{ "suboccipitals", "Músculos suboccipitales" },
	{ "infraspinatus", "Infraespinoso" },
	{ "teres-major", "Redondo mayor" },
	{ "rhomboids", "Romboides" },
	{ "thoracic-spine", "Columna dorsal" },
	{ "erector-spinae", "Músculos junto a la columna" },
	{ "lats", "Dorsal ancho" },
	{ "quadratus-lumborum", "Cuadrado lumbar" },
	{ "pec-major", "Pectoral mayor" },
	{ "pec-minor", "Pectoral menor" },
	{ "forearm-extensors", "Extensores del antebrazo" },
	{ "forearm-flexors", "Flexores del antebrazo" },
	{ "gluteus-maximus", "Glúteo mayor" },
	{ "gluteus-medius", "Glúteo medio" },
	{ "piriformis", "Piriforme" },
	{ "tfl", "Tensor de la fascia lata" },
	{ "hip-flexors", "Flexores de la cadera" },
	{ "quadriceps", "Cuádriceps" },
	{ "adductors", "Aductores" },
	{ "hamstrings", "Isquiotibiales" },
	{ "calves", "Pantorrillas" },
	{ "tibialis-anterior", "Tibial anterior" },
	{ "plantar-fascia", "Planta del pie" },
	{ "anterior-neck", "Parte delantera del cuello" },
	{ "lateral-neck", "Lado del cuello" },
	{ "cervical-spine", "Vértebras del cuello" },
	{ "temporal-area", "Sien" },
	{ "face-tmj", "Articulación de la mandíbula" },
	{ "spine-midline", "Columna vertebral" },
	{ "lumbar-spine", "Columna lumbar" },
	{ "kidney-area", "Zona de los riñones" },
	{ "xiphoid", "Parte baja del esternón" },
	{ "axilla", "Axila" },
	{ "deltopectoral-triangle",
	  "Parte delantera de la articulación del hombro" },
	{ "anterior-abdomen", "Vientre" },
	{ "femoral-triangle", "Ingle" },
	{ "sciatic-notch", "Escotadura ciática" },
	{ "antecubital-fossa", "Pliegue del codo" },
	{ "ulnar-groove", "Parte interna del codo" },
	{ "popliteal-fossa", "Parte de atrás de la rodilla" },
	{ "fibular-head", "Parte externa de la rodilla" },
	{ "tarsal-tunnel", "Parte interna del tobillo" },
	{ "bony-prominence", "Salientes óseos" },
	{ NULL, NULL }
};

static const struct words words_spanish = {
	"es",
	{ "Posición", "Presiona", "Rueda", "Estira", "Contrae", "Relaja",
	  "Estira", "Respira", "Descansa", "Cambia de lado", "Suelta",
	  "Muévete", "Siguiente" },
	", lado izquierdo", ", lado derecho",
	"Repetición %d de %d.",
	"Mantén hasta que se relaje, como mucho %d segundos.",
	"Quedan diez segundos.",
	words_es_areas
};

static const struct words *const words_tables[] = {
	&words_english, &words_french, &words_german, &words_spanish, NULL
};

/* The English words. */
const struct words *
words_en(void)
{
	return &words_english;
}

/* Every table, NULL-terminated. */
const struct words *const *
words_all(void)
{
	return words_tables;
}

/* The table whose language is the primary subtag of tag, or NULL. */
const struct words *
words_find(const char *tag)
{
	size_t	i, k;

	if (tag == NULL)
		return NULL;
	for (i = 0; words_tables[i] != NULL; i++) {
		const char	*l = words_tables[i]->lang;

		for (k = 0; l[k] != '\0' &&
		    tolower((unsigned char)tag[k]) == l[k]; k++)
			;
		if (l[k] == '\0' && (tag[k] == '\0' || tag[k] == '-' ||
		    tag[k] == '_' || tag[k] == '.' || tag[k] == '@'))
			return words_tables[i];
	}
	return NULL;
}

/* The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty. */
const char *
words_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char	*v;
	size_t		 i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return v;
	return NULL;
}

/* Whether a locale name stands for no language. */
int
words_locale_is_c(const char *l)
{
	return l == NULL || *l == '\0' || strcmp(l, "C") == 0 ||
	    strncmp(l, "C.", 2) == 0 || strcmp(l, "POSIX") == 0;
}

/* cues.lang's table, else the locale's, else English. */
const struct words *
words_pick(const char *cues_lang)
{
	const struct words	*w;
	const char		*l;

	if (cues_lang != NULL && *cues_lang != '\0')
		w = words_find(cues_lang);
	else if (!words_locale_is_c(l = words_locale()))
		w = words_find(l);
	else
		w = NULL;
	return w != NULL ? w : &words_english;
}

/* An area's name in w, capitalised; English when w lacks it. */
void
words_area(const struct words *w, const struct area *a, char *buf,
    size_t len)
{
	size_t	i;

	if (len == 0)
		return;
	for (i = 0; w->area != NULL && w->area[i].id != NULL; i++)
		if (strcmp(w->area[i].id, a->id) == 0) {
			snprintf(buf, len, "%s", w->area[i].name);
			return;
		}
	snprintf(buf, len, "%s", a->name);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}
