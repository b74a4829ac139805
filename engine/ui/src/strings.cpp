// The UI string table: every word the app itself shows, in English and French.
//
// [SECTION] The table
// [SECTION] Lookup and placeholders
//
// French follows French typography: a no-break space (U+00A0) before ":" and
// "?" so a line never starts with the punctuation, and ’ for apostrophes.
#include "unknot/ui/strings.hpp"

#include <set>
#include <unordered_map>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] The table
//-----------------------------------------------------------------------------
// One line per key, both languages side by side, so a missing translation is
// visible in review (and the string table test fails on an empty one).
static const std::vector<StringEntry> kTable = {
    // Navigation and common words
    {"app.name", "Unknot", "Unknot"},
    {"nav.back", "Back", "Retour"},
    // The toggle names the language it switches to, in that language.
    {"lang.toggle", "Français", "English"},
    {"common.none", "None", "Aucun"},
    {"common.left", "Left side", "Côté gauche"},
    {"common.right", "Right side", "Côté droit"},

    // Home
    {"home.greeting", "Be gentle with yourself today.", "Prenez soin de vous aujourd’hui, en douceur."},
    {"home.start_breathing", "Breathe 4-2-6 now", "Respirer en 4-2-6 maintenant"},
    {"home.browse", "Where does it hurt?", "Où avez-vous mal\u00a0?"},
    {"home.browse_sub", "Find techniques by body area", "Trouver des techniques par zone du corps"},
    {"home.all", "All routines", "Toutes les routines"},
    {"home.recent", "Recent", "Récentes"},
    {"home.recent_empty", "Your recent routines will appear here.", "Vos routines récentes apparaîtront ici."},
    {"home.favourites", "Favourites", "Favoris"},
    {"home.favourites_empty", "Routines you mark as favourite will appear here.", "Les routines que vous mettez en favori apparaîtront ici."},
    {"home.problems_one", "1 content problem", "1 problème de contenu"},
    {"home.problems_many", "{n} content problems", "{n} problèmes de contenu"},
    {"home.problems_sub", "Some routines could not be loaded. Tap to see why.", "Certaines routines n’ont pas pu être chargées. Touchez pour voir pourquoi."},
    {"home.no_content", "No routines are installed.", "Aucune routine n’est installée."},

    // The safety note, shown on Home, on every card and on the end screen
    {"safety.note",
     "Unknot informs; it is not medical advice. Stop if you feel sharp pain, numbness or tingling, "
     "and ask a health professional.",
     "Unknot informe\u00a0; ce n’est pas un avis médical. Arrêtez en cas de douleur vive, "
     "d’engourdissement ou de fourmillements, et demandez conseil à un professionnel de santé."},

    // Browse
    {"browse.title", "Where does it hurt?", "Où avez-vous mal\u00a0?"},
    {"browse.front", "Front", "Face"},
    {"browse.back", "Back", "Dos"},
    {"browse.hint", "Tap a spot on the body, or choose an area.", "Touchez une zone du corps, ou choisissez-la dans la liste."},
    {"browse.areas", "Areas", "Zones"},
    {"browse.count_one", "1 routine", "1 routine"},
    {"browse.count_many", "{n} routines", "{n} routines"},

    // Card list and filters
    {"list.all", "All routines", "Toutes les routines"},
    {"list.search", "Search", "Rechercher"},
    {"list.search_hint", "Search (e.g. shoulder, sleep)", "Rechercher (ex. épaule, sommeil)"},
    {"list.filters", "Filters", "Filtres"},
    {"list.no_equipment", "No equipment", "Sans matériel"},
    {"list.max_minutes", "Up to {n} min", "{n} min max"},
    {"list.flare_safe", "Flare-safe", "Adapté aux crises"},
    {"list.empty", "No routine matches these filters.", "Aucune routine ne correspond à ces filtres."},
    {"list.clear", "Clear filters", "Effacer les filtres"},
    {"list.count_one", "1 routine", "1 routine"},
    {"list.count_many", "{n} routines", "{n} routines"},

    // Kinds and intensities (keys follow the YAML spelling)
    {"kind.self-massage", "Self-massage", "Automassage"},
    {"kind.breathing", "Breathing", "Respiration"},
    {"kind.stretch", "Stretch", "Étirement"},
    {"kind.relaxation", "Relaxation", "Relaxation"},
    {"kind.heat-cold", "Heat or cold", "Chaud ou froid"},
    {"intensity.gentle", "Gentle", "Doux"},
    {"intensity.moderate", "Moderate", "Modéré"},
    {"intensity.firm", "Firm", "Appuyé"},

    // Card detail
    {"card.areas", "Areas", "Zones"},
    {"card.equipment", "Equipment", "Matériel"},
    {"card.no_equipment", "None needed", "Aucun matériel"},
    {"card.kind", "Kind", "Type"},
    {"card.intensity", "Intensity", "Intensité"},
    {"card.total", "Total time", "Durée totale"},
    {"card.flare", "During a flare", "Pendant une crise"},
    {"card.flare_yes", "Suitable during a flare", "Adapté pendant une crise"},
    {"card.flare_no", "Better on a calmer day", "Plutôt pour un jour plus calme"},
    {"card.cautions", "Take care", "Précautions"},
    {"card.steps", "Steps", "Étapes"},
    {"card.each_side", "{t} each side", "{t} de chaque côté"},
    {"card.left_only", "{t}, left side", "{t}, côté gauche"},
    {"card.right_only", "{t}, right side", "{t}, côté droit"},
    {"card.when_ready", "At your own pace", "À votre rythme"},
    {"card.start", "Start", "Commencer"},
    {"card.missing", "This routine is not available.", "Cette routine n’est pas disponible."},

    // Player
    {"player.breathe_in", "Breathe in", "Inspirez"},
    {"player.hold", "Hold", "Retenez"},
    {"player.breathe_out", "Breathe out", "Expirez"},
    {"player.rest", "Rest", "Repos"},
    {"player.switch", "Switch sides", "Changez de côté"},
    {"player.continue", "Continue", "Continuer"},
    {"player.pause", "Pause", "Pause"},
    {"player.resume", "Resume", "Reprendre"},
    {"player.back", "Back", "Reculer"},
    {"player.skip", "Skip", "Passer"},
    {"player.stop", "Stop", "Arrêter"},
    {"player.paused", "Paused", "En pause"},
    {"player.left", "{t} left", "encore {t}"},
    {"player.next", "Next: {s}", "Ensuite\u00a0: {s}"},
    {"player.last", "Last step", "Dernière étape"},
    {"player.cycle", "{i} / {n}", "{i} / {n}"},
    {"player.stop_ask", "Stop this session?", "Arrêter cette séance\u00a0?"},
    {"player.stop_confirm", "Stop", "Arrêter"},
    {"player.stop_cancel", "Keep going", "Continuer"},
    {"player.tap_hint", "Take your time. Tap Continue when you are ready.", "Prenez votre temps. Touchez Continuer quand vous êtes prêt·e."},

    // End
    {"end.title", "Well done", "Bravo"},
    {"end.practised", "You practised for {t}.", "Vous avez pratiqué {t}."},
    {"end.early", "You stopped early, and that is fine: listen to your body.", "Vous vous êtes arrêté·e plus tôt, et c’est très bien\u00a0: écoutez votre corps."},
    {"end.done", "Done", "Terminé"},

    // Problems
    {"problems.title", "Content problems", "Problèmes de contenu"},
    {"problems.error", "Error", "Erreur"},
    {"problems.warning", "Warning", "Avertissement"},
    {"problems.none", "No problems found.", "Aucun problème trouvé."},
};

const std::vector<StringEntry>& stringTable() { return kTable; }

const std::vector<std::string>& uiLanguages() {
    static const std::vector<std::string> langs = {"en", "fr"};
    return langs;
}

//-----------------------------------------------------------------------------
// [SECTION] Lookup and placeholders
//-----------------------------------------------------------------------------
static bool isFrench(std::string_view lang) {
    return lang.size() >= 2 && lang[0] == 'f' && lang[1] == 'r' && (lang.size() == 2 || lang[2] == '-' || lang[2] == '_');
}

const char* tr(std::string_view key, std::string_view lang) {
    // Built once: the table is static and lookups happen many times per frame.
    static const std::unordered_map<std::string_view, const StringEntry*> index = [] {
        std::unordered_map<std::string_view, const StringEntry*> m;
        for (const StringEntry& e : kTable) m.emplace(e.key, &e);
        return m;
    }();
    auto it = index.find(key);
    if (it == index.end()) {
        // Interned so the pointer outlives a temporary key ("kind." + name).
        static std::set<std::string, std::less<>> unknown;
        return unknown.emplace(key).first->c_str();
    }
    return isFrench(lang) ? it->second->fr : it->second->en;
}

std::string trf(std::string_view key, std::string_view lang,
                std::initializer_list<std::pair<std::string_view, std::string>> args) {
    std::string s = tr(key, lang);
    for (const auto& [name, value] : args) {
        const std::string token = "{" + std::string(name) + "}";
        for (std::size_t at = s.find(token); at != std::string::npos; at = s.find(token, at + value.size()))
            s.replace(at, token.size(), value);
    }
    return s;
}

}  // namespace unknot::ui
