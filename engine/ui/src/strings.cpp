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
    {"home.favourites_empty", "Routines you mark as favourite will appear here.",
     "Les routines que vous mettez en favori apparaîtront ici."},
    {"home.problems_one", "1 content problem", "1 problème de contenu"},
    {"home.problems_many", "{n} content problems", "{n} problèmes de contenu"},
    {"home.problems_sub", "Some routines could not be loaded. Tap to see why.",
     "Certaines routines n’ont pas pu être chargées. Touchez pour voir pourquoi."},
    {"home.no_content", "No routines are installed.", "Aucune routine n’est installée."},

    // The safety note, shown on Home, on every card and on the end screen
    {"safety.note",
     "Unknot informs; it is not medical advice. Stop if you feel sharp pain, numbness or tingling, "
     "and ask a health professional.",
     "Unknot informe\u00a0; ce n’est pas un avis médical. Arrêtez en cas de douleur vive, "
     "d’engourdissement ou de picotements, et demandez conseil à un professionnel de santé."},

    // Make your own (a breathing pattern of the person's own pack)
    {"make.open", "Make your own breathing pattern", "Créer votre propre rythme de respiration"},

    // Plans over weeks: Home's "Today" card, the list of plans, one plan.
    // Missed days are never scolded: the words speak of today only.
    {"plans.open", "Plans over weeks", "Programmes sur plusieurs semaines"},
    {"plans.open_sub", "A few minutes on most days, for a few weeks",
     "Quelques minutes la plupart des jours, quelques semaines"},
    {"plans.title", "Plans", "Programmes"},
    {"plans.intro",
     "Small, regular practice helps more than long sessions now and then. A plan says what to do each day; you choose "
     "when.",
     "Une pratique courte et régulière aide plus que de longues séances de temps en temps. Un programme propose quoi "
     "faire chaque jour\u00a0; vous choisissez quand."},
    {"plans.weeks_one", "1 week", "1 semaine"},
    {"plans.weeks_many", "{n} weeks", "{n} semaines"},
    {"plans.active", "Your plan now", "Votre programme actuel"},
    {"plans.none", "No plans are installed.", "Aucun programme n’est installé."},
    {"plan.week", "Week {n}", "Semaine {n}"},
    {"plan.day", "Day {n}", "Jour {n}"},
    {"plan.rest", "Rest", "Repos"},
    {"plan.done", "done", "fait"},
    {"plan.today", "today", "aujourd’hui"},
    {"plan.then", "After the weeks", "Après ces semaines"},
    {"plan.then_weekly", "Once a week: {routines}", "Une fois par semaine\u00a0: {routines}"},
    {"plan.then_fortnightly", "Every two weeks: {routines}", "Toutes les deux semaines\u00a0: {routines}"},
    {"plan.then_monthly", "Once a month: {routines}", "Une fois par mois\u00a0: {routines}"},
    {"plan.flare_day", "On a flare day: {routine}", "Un jour de poussée\u00a0: {routine}"},
    {"plan.flare_rest", "On a flare day: rest", "Un jour de poussée\u00a0: repos"},
    {"plan.started", "Started {date}. Days done: {n}.", "Commencé le {date}. Jours faits\u00a0: {n}."},
    {"plan.start", "Start this plan today", "Commencer ce programme aujourd’hui"},
    {"plan.start_replaces", "Your current plan, {plan}, will stop. The days you did stay in your journal.",
     "Votre programme actuel, {plan}, s’arrêtera. Les jours faits restent dans votre journal."},
    {"plan.stop", "Stop this plan", "Arrêter ce programme"},
    {"plan.stop_ask", "Stop this plan? The days you did stay in your journal.",
     "Arrêter ce programme\u00a0? Les jours faits restent dans votre journal."},
    {"plan.stop_yes", "Stop the plan", "Arrêter le programme"},
    {"plan.stop_no", "Keep the plan", "Garder le programme"},
    {"plan.missing", "This plan is no longer installed.", "Ce programme n’est plus installé."},
    {"today.title", "Today", "Aujourd’hui"},
    {"today.week_day", "{plan} · week {week}, day {day}", "{plan} · semaine {week}, jour {day}"},
    {"today.then", "{plan} · keeping it up", "{plan} · pour entretenir"},
    {"today.not_started", "{plan} starts on {date}.", "{plan} commence le {date}."},
    {"today.finished", "{plan}: you came to the end of its weeks.", "{plan}\u00a0: vous êtes au bout de ses semaines."},
    {"today.rest", "A rest day. Resting is part of the plan.", "Un jour de repos. Le repos fait partie du programme."},
    {"today.not_done", "Not done yet today. A few minutes is enough.",
     "Pas encore fait aujourd’hui. Quelques minutes suffisent."},
    {"today.all_done", "Today’s practice is done. Well done.", "La pratique du jour est faite. Bravo."},
    {"today.flare", "Flare mode: today is the gentlest routine of your plan.",
     "Mode poussée\u00a0: aujourd’hui, la routine la plus douce de votre programme."},
    {"today.flare_rest", "Flare mode: today is a rest day.", "Mode poussée\u00a0: aujourd’hui est un jour de repos."},
    {"today.next", "Next practice: {date}", "Prochaine pratique\u00a0: {date}"},
    {"today.next_tomorrow", "Next practice: tomorrow", "Prochaine pratique\u00a0: demain"},
    {"today.routine_done", "Done today", "Fait aujourd’hui"},
    {"today.open_plan", "See the whole plan", "Voir tout le programme"},
    {"today.missing_routine", "{id} (not installed)", "{id} (non installée)"},
    {"make.title", "Make your own", "Créer le vôtre"},
    {"make.name", "Name", "Nom"},
    {"make.name_hint", "e.g. Evening calm", "ex. Calme du soir"},
    {"make.inhale", "Breathe in", "Inspirer"},
    {"make.hold", "Hold", "Retenir"},
    {"make.exhale", "Breathe out", "Expirer"},
    {"make.rest", "Wait", "Attendre"},
    {"make.off", "Left out", "Aucune"},
    {"make.seconds", "{n} s", "{n}\u00a0s"},
    {"make.less", "Less", "Moins"},
    {"make.more", "More", "Plus"},
    {"make.length", "Length", "Durée"},
    {"make.breaths", "Breaths", "Respirations"},
    {"make.minutes", "Minutes", "Minutes"},
    {"make.breaths_n", "{n} breaths", "{n} respirations"},
    {"make.minutes_n", "{n} min", "{n}\u00a0min"},
    {"make.count_aloud", "Breaths counted aloud", "Respirations comptées à voix haute"},
    {"make.pace", "{bpm} breaths a minute, {n} breaths, about {time}",
     "{bpm} respirations par minute, {n} respirations, environ {time}"},
    {"make.note_exhale",
     "Your out-breath is shorter than your in-breath. Many people find slow breathing with a longer out-breath "
     "the most soothing; a study on pain (Jafari 2020) found the same. Try it if it feels right.",
     "Votre expiration est plus courte que votre inspiration. Beaucoup de gens trouvent qu’une respiration lente "
     "avec une expiration plus longue apaise davantage\u00a0; une étude sur la douleur (Jafari 2020) l’a aussi "
     "observé. Essayez si cela vous convient."},
    {"make.note_holds",
     "Long holds can make some people dizzy. Keep them relaxed, and breathe normally if they feel hard.",
     "Les longues pauses peuvent donner le vertige à certaines personnes. Gardez-les détendues, et respirez "
     "normalement si elles sont difficiles."},
    {"make.need_inhale", "Give the in-breath some time.", "Donnez un peu de temps à l’inspiration."},
    {"make.need_exhale", "Give the out-breath some time.", "Donnez un peu de temps à l’expiration."},
    {"make.need_name", "Give your pattern a name.", "Donnez un nom à votre rythme."},
    {"make.save", "Save", "Enregistrer"},
    {"make.not_saved", "Not saved:", "Non enregistré\u00a0:"},
    {"make.edit", "Edit this pattern", "Modifier ce rythme"},
    {"make.delete", "Delete this pattern", "Supprimer ce rythme"},
    {"make.delete_ask", "Delete this pattern? This cannot be undone.", "Supprimer ce rythme\u00a0? C’est définitif."},
    {"make.delete_yes", "Delete", "Supprimer"},
    {"make.delete_no", "Keep it", "Le garder"},

    // Browse
    {"browse.title", "Where does it hurt?", "Où avez-vous mal\u00a0?"},
    {"browse.front", "Front", "Face"},
    {"browse.back", "Back", "Dos"},
    {"browse.hint", "Tap a spot on the body, or choose an area.",
     "Touchez une zone du corps, ou choisissez-la dans la liste."},
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
    {"list.flare_safe", "Flare-safe", "Adapté aux poussées"},
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
    {"card.flare", "During a flare", "Pendant une poussée"},
    {"card.flare_yes", "Suitable during a flare", "Adapté pendant une poussée"},
    {"card.flare_no", "Better on a calmer day", "Plutôt pour un jour plus calme"},
    {"card.cautions", "Take care", "Précautions"},
    {"card.steps", "Steps", "Étapes"},
    {"card.each_side", "{t} each side", "{t} de chaque côté"},
    {"card.left_only", "{t}, left side", "{t}, côté gauche"},
    {"card.right_only", "{t}, right side", "{t}, côté droit"},
    {"card.when_ready", "At your own pace", "À votre rythme"},
    {"card.start", "Start", "Commencer"},
    {"card.save_audio", "Save as audio", "Enregistrer en audio"},
    {"card.audio_hint", "The whole guided session as one file, to follow with the screen off.",
     "Toute la séance guidée dans un seul fichier, à suivre écran éteint."},
    {"card.audio_preparing", "Getting the voice ready…", "Préparation de la voix…"},
    {"card.audio_saving", "Saving the session as audio…", "Enregistrement de la séance en audio…"},
    {"card.audio_saved", "Saved on this device as:", "Enregistré sur cet appareil sous :"},
    {"card.audio_downloaded",
     "Sent to your browser’s downloads as:", "Envoyé dans les téléchargements du navigateur sous :"},
    {"card.audio_tones_only",
     "This file has the tones but no voice: the voice could not be loaded. Settings says what each tone means.",
     "Ce fichier contient les sons mais pas la voix : la voix n’a pas pu être chargée. Les Réglages expliquent "
     "chaque son."},
    {"card.audio_failed", "Could not save the audio: {why}", "Impossible d’enregistrer l’audio : {why}"},
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
    {"player.back", "Previous", "Précédent"},
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
    {"player.tap_hint", "Take your time. Tap anywhere, or press Space, when you are ready.",
     "Prenez votre temps. Touchez l’écran n’importe où, ou appuyez sur Espace, quand vous êtes prêt·e."},
    {"player.more", "More", "Plus"},
    {"player.less", "Less", "Moins"},
    {"player.now_side", "Now: {s}", "Maintenant\u00a0: {s}"},
    {"player.side_left", "left side", "côté gauche"},
    {"player.side_right", "right side", "côté droit"},
    {"player.next_side", "{side} \u2013 {s}", "{side} \u2013 {s}"},

    // End
    {"end.title", "Well done", "Bravo"},
    {"end.practised", "You practised for {t}.", "Vous avez pratiqué {t}."},
    {"end.early", "You stopped early, and that is fine: listen to your body.",
     "Vous vous êtes arrêté·e plus tôt, et c’est très bien\u00a0: écoutez votre corps."},
    {"end.done", "Done", "Terminé"},
    {"card.times", "\u00d7\u00a0{n}", "\u00d7\u00a0{n}"},
    {"time.under_minute", "under a minute", "moins d’une minute"},
    {"time.about_min", "about {m} min", "environ {m} min"},
    {"time.about_h", "about {h} h", "environ {h} h"},
    {"time.about_h_min", "about {h} h {m} min", "environ {h} h {m} min"},
    {"end.saved", "Saved to your journal.", "Enregistré dans votre journal."},

    {"end.note", "A short note, if you like", "Une courte note, si vous voulez"},
    {"end.note_hint", "How did it feel?", "Comment vous êtes-vous senti·e\u00a0?"},

    // Languages, each named in itself
    {"lang.name", "English", "Français"},

    // Home, continued
    {"home.greeting_flare", "Flare mode is on: only the gentlest routines are shown.",
     "Le mode poussée est activé\u00a0: seules les routines les plus douces sont affichées."},
    {"home.history", "History", "Historique"},
    {"home.settings", "Settings", "Réglages"},

    // Settings
    {"settings.title", "Settings", "Réglages"},
    {"settings.language", "Language", "Langue"},
    {"settings.theme", "Colours", "Couleurs"},
    {"theme.light", "Light", "Clair"},
    {"theme.dark", "Dark", "Sombre"},
    {"theme.high-contrast", "High contrast", "Contraste élevé"},
    {"theme.pure-black", "Pure black", "Noir pur"},
    {"settings.text_size", "Text size", "Taille du texte"},
    {"settings.text_size_sub", "Every screen follows it at once.", "Tous les écrans suivent aussitôt."},
    {"settings.comfort", "Comfort", "Confort"},
    {"settings.reduced_motion", "Reduce motion", "Réduire les animations"},
    {"settings.reduced_motion_sub", "Words and a filling bar instead of a moving shape.",
     "Des mots et une barre qui se remplit au lieu d’une forme qui bouge."},
    {"settings.flare", "Flare mode", "Mode poussée"},
    {"settings.flare_sub", "Show only routines that are gentle enough for a flare.",
     "N’afficher que les routines assez douces pendant une poussée."},
    {"settings.ask_pain", "Ask about my pain", "Me demander ma douleur"},
    {"settings.ask_pain_sub", "A 0 to 10 question before and after each session, kept in your journal.",
     "Une question de 0 à 10 avant et après chaque séance, gardée dans votre journal."},
    {"settings.cues", "Sound and vibration", "Son et vibrations"},
    {"settings.sound", "Sound cues", "Signaux sonores"},
    {"settings.sound_sub", "Soft tones for breathing, steps and switching sides.",
     "Des sons doux pour la respiration, les étapes et le changement de côté."},
    {"settings.no_audio", "No sound device was found: sessions run silently.",
     "Aucune sortie audio trouvée\u00a0: les séances se déroulent en silence."},
    {"settings.volume", "Volume: {v}", "Volume\u00a0: {v}"},
    {"settings.haptics", "Vibration", "Vibrations"},
    {"settings.haptics_sub", "One pulse to breathe in, two to breathe out, a long one to switch sides.",
     "Une impulsion pour inspirer, deux pour expirer, une longue pour changer de côté."},
    {"settings.no_haptics", "This device cannot vibrate.", "Cet appareil ne peut pas vibrer."},
    {"settings.tone_in", "Rising tone: breathe in.", "Son qui monte\u00a0: inspirez."},
    {"settings.tone_out", "Falling tone: breathe out.", "Son qui descend\u00a0: expirez."},
    {"settings.tone_hold", "Tick: hold your breath.", "Petit tic\u00a0: retenez votre souffle."},
    {"settings.tone_step", "Bell: the next step begins.", "Cloche\u00a0: l’étape suivante commence."},
    {"settings.tone_sides", "Two notes: switch sides.", "Deux notes\u00a0: changez de côté."},
    {"settings.voice", "Voice", "Voix"},
    {"settings.voice_guided", "Speak the guidance", "Lire les consignes à voix haute"},
    {"settings.voice_guided_sub", "Massage, stretching and relaxation: each step said aloud, so you need not look.",
     "Massage, étirements et détente\u00a0: chaque étape dite à voix haute, sans avoir à regarder."},
    {"settings.voice_breathing", "Speak during breathing", "Parler pendant la respiration"},
    {"settings.voice_breathing_sub",
     "Breathing routines: \"In\", \"Hold\", \"Out\" for the first breaths, then the tones alone.",
     "Routines de respiration\u00a0: «\u00a0Inspirez\u00a0», «\u00a0Retenez\u00a0», «\u00a0Expirez\u00a0» pour les "
     "premiers souffles, puis les sons seuls."},
    {"settings.no_voice", "No voice for this language on this device: the tones still guide you.",
     "Pas de voix pour cette langue sur cet appareil\u00a0: les sons vous guident quand même."},
    {"settings.voice_rate", "Speaking rate", "Débit de la voix"},
    {"settings.voice_slow", "Slow", "Lent"},
    {"settings.voice_usual", "Usual", "Normal"},
    {"settings.voice_brisk", "Brisk", "Rapide"},
    {"settings.voice_volume", "Voice volume: {v}", "Volume de la voix\u00a0: {v}"},
    {"settings.about", "About", "À propos"},
    {"settings.safety", "Read the safety note", "Lire la note de sécurité"},
    {"settings.reminders", "Reminders", "Rappels"},
    {"settings.reminders_home", "While a plan is active, Home says when today’s practice is not done yet.",
     "Quand un programme est en cours, l’accueil indique si la pratique du jour n’est pas encore faite."},
    {"settings.reminder_none", "This device offers Unknot no way to show notifications, so the reminder stays on Home.",
     "Cet appareil n’offre à Unknot aucun moyen d’afficher des notifications\u00a0: le rappel reste sur l’accueil."},
    {"settings.reminder", "Daily reminder", "Rappel quotidien"},
    {"settings.reminder_sub",
     "A notification at a time you choose, on days your plan has practice not yet done. It comes only while Unknot "
     "is open, even in the background: nothing arrives when it is closed.",
     "Une notification à l’heure de votre choix, les jours où votre programme prévoit une pratique pas encore faite. "
     "Elle ne vient que si Unknot est ouvert, même en arrière-plan\u00a0: rien n’arrive quand il est fermé."},
    {"settings.reminder_denied",
     "Notifications are blocked for Unknot here. Allow them in the browser’s settings for this site, and the reminder "
     "will come.",
     "Les notifications sont bloquées pour Unknot ici. Autorisez-les dans les réglages du navigateur pour ce site, et "
     "le rappel viendra."},
    {"settings.reminder_time", "Time", "Heure"},
    {"settings.reminder_no_plan",
     "No plan is active yet: start one from Home, and the reminder will name its practice.",
     "Aucun programme n’est en cours\u00a0: commencez-en un depuis l’accueil, et le rappel en nommera la pratique."},
    {"settings.reminder_next", "Next reminder: {date}, {time}", "Prochain rappel\u00a0: {date}, {time}"},
    {"settings.reminder_try", "Send one now", "En envoyer un maintenant"},
    {"settings.reminder_failed", "The last one could not be shown: {why}",
     "Le dernier n’a pas pu s’afficher\u00a0: {why}"},
    {"reminder.title", "Today’s practice", "La pratique du jour"},
    {"reminder.body", "{routines}. A few gentle minutes, whenever it suits you.",
     "{routines}. Quelques minutes en douceur, quand cela vous convient."},
    {"reminder.example", "This is how the daily reminder looks: it names the day’s routines.",
     "Voici à quoi ressemble le rappel quotidien\u00a0: il nomme les routines du jour."},
    {"settings.private", "Your journal and settings stay on this device. Nothing is sent anywhere.",
     "Votre journal et vos réglages restent sur cet appareil. Rien n’est envoyé nulle part."},

    // The safety note in full (first start, Home, every card)
    {"safety.title", "Before you start", "Avant de commencer"},
    {"safety.more", "Tap to read the safety note.", "Touchez pour lire la note de sécurité."},
    {"safety.link", "Safety note", "Note de sécurité"},
    {"safety.p_inform",
     "Unknot shares general self-care information. It is not medical advice, and it does not diagnose, treat or cure "
     "anything.",
     "Unknot partage des informations générales pour prendre soin de soi. Ce n’est pas un avis médical, et cela ne "
     "diagnostique, ne traite ni ne guérit rien."},
    {"safety.stop_title", "Stop at once if you feel", "Arrêtez tout de suite si vous ressentez"},
    {"safety.p_stop",
     "sharp pain, numbness or tingling. Gentle pressure may feel tender; it should never hurt sharply.",
     "une douleur vive, un engourdissement ou des picotements. Une pression douce peut être sensible\u00a0; elle ne "
     "doit jamais faire vraiment mal."},
    {"safety.p_ask",
     "Ask a health professional before you try something new, especially if you live with a complex condition, are "
     "pregnant, or have had a recent injury or surgery.",
     "Demandez conseil à un professionnel de santé avant d’essayer quelque chose de nouveau, surtout si vous vivez "
     "avec une maladie complexe, êtes enceinte, ou avez eu récemment une blessure ou une opération."},
    {"safety.p_gentle",
     "Go slowly, breathe, and do less rather than more. You can pause or stop any session at any time.",
     "Allez doucement, respirez, et faites plutôt moins que plus. Vous pouvez mettre en pause ou arrêter une séance à "
     "tout moment."},
    {"safety.p_private", "Your journal stays on this device.", "Votre journal reste sur cet appareil."},
    {"safety.ok", "I understand", "J’ai compris"},

    // Lists and cards, continued
    {"list.flare_mode_on", "Flare mode is on: routines that are not flare-safe are hidden.",
     "Le mode poussée est activé\u00a0: les routines non adaptées aux poussées sont masquées."},
    {"card.safety_more", "Read the full safety note", "Lire toute la note de sécurité"},
    {"card.flare_hidden", "Flare mode hides this routine from lists: it is better on a calmer day.",
     "Le mode poussée masque cette routine des listes\u00a0: elle convient mieux à un jour plus calme."},

    // Pain, 0 to 10 (the numeric rating scale)
    {"pain.before", "How is your pain right now?", "Comment est votre douleur en ce moment\u00a0?"},
    {"pain.after", "How is your pain now?", "Comment est votre douleur maintenant\u00a0?"},
    {"pain.optional", "Optional. Your answer stays in your journal on this device.",
     "Facultatif. Votre réponse reste dans votre journal, sur cet appareil."},
    {"pain.scale", "0 means no pain, 10 the worst pain you can imagine.",
     "0 signifie aucune douleur, 10 la pire douleur imaginable."},
    {"pain.skip", "Skip", "Passer"},
    {"pain.never", "Don’t ask me again", "Ne plus me demander"},
    {"pain.before_was", "Before: {n}", "Avant\u00a0: {n}"},

    // History
    {"history.title", "History", "Historique"},
    {"history.streak_one", "Your streak: 1 day", "Série en cours\u00a0: 1 jour"},
    {"history.streak_many", "{n} days in a row", "{n} jours d’affilée"},
    {"history.total_one", "1 session in all", "1 séance en tout"},
    {"history.total_many", "{n} sessions in all", "{n} séances en tout"},
    {"history.empty", "Your sessions will appear here once you have done one.",
     "Vos séances apparaîtront ici après la première."},
    {"history.chart", "Pain before and after", "Douleur avant et après"},
    {"history.chart_empty", "Answer the pain question before and after a session to see it here.",
     "Répondez à la question sur la douleur avant et après une séance pour la voir ici."},
    {"history.before", "Before", "Avant"},
    {"history.after", "After", "Après"},
    {"history.averages", "Average change", "Variation moyenne"},
    {"history.average_one", "{r}: {c} after 1 session", "{r}\u00a0: {c} après 1 séance"},
    {"history.average_many", "{r}: {c} on average over {n} sessions", "{r}\u00a0: {c} en moyenne sur {n} séances"},
    {"history.averages_note", "Pain after minus pain before. It describes your sessions; it does not prove what helps.",
     "Douleur après moins douleur avant. Cela décrit vos séances\u00a0; cela ne prouve pas ce qui aide."},
    {"history.sessions", "Sessions", "Séances"},
    {"history.finished", "finished", "terminée"},
    {"history.stopped_at", "stopped at step {n}", "arrêtée à l’étape {n}"},
    {"history.pain", "pain {b} → {a}", "douleur {b} → {a}"},
    {"history.older", "{n} older sessions are in your export.",
     "{n} séances plus anciennes figurent dans votre export."},
    {"history.export", "Export my journal", "Exporter mon journal"},
    {"history.exported", "Saved on this device: {path}", "Enregistré sur cet appareil\u00a0: {path}"},
    {"history.export_failed", "Could not write to {path}. Nothing was changed.",
     "Impossible d’écrire dans {path}. Rien n’a été modifié."},
    {"history.private", "Your journal stays on this device unless you export it.",
     "Votre journal reste sur cet appareil, sauf si vous l’exportez."},

    // The journal's notices
    {"journal.notice_title", "About your journal", "À propos de votre journal"},
    {"journal.moved_corrupt",
     "Your journal could not be read, so Unknot kept it aside as {file} and started a new one. Nothing was deleted.",
     "Votre journal n’a pas pu être lu\u00a0: Unknot l’a mis de côté sous le nom {file} et en a commencé un nouveau. "
     "Rien n’a été supprimé."},
    {"journal.moved_newer",
     "Your journal was written by a newer version of Unknot, so it was kept aside as {file} and a new one started. "
     "Update Unknot to see it again.",
     "Votre journal a été écrit par une version plus récente d’Unknot\u00a0: il a été mis de côté sous le nom {file} "
     "et un nouveau a été commencé. Mettez Unknot à jour pour le retrouver."},
    {"journal.moved_foreign_log",
     "A log file beside your journal did not belong to it (perhaps after restoring a backup), so Unknot kept it aside "
     "as {file} and did not apply it. Your journal is as it was last saved. Nothing was deleted.",
     "Un fichier journal de transactions posé à côté de votre journal ne lui appartenait pas (peut-être après la "
     "restauration d’une sauvegarde)\u00a0: Unknot l’a mis de côté sous le nom {file} sans l’appliquer. Votre journal "
     "est tel qu’il a été enregistré. Rien n’a été supprimé."},
    {"journal.foreign_log_ignored",
     "A log file beside your journal does not belong to it, so it was not read. Unknot sets it aside when it next "
     "starts.",
     "Un fichier journal de transactions posé à côté de votre journal ne lui appartient pas\u00a0: il n’a pas été lu. "
     "Unknot le mettra de côté au prochain démarrage."},
    {"journal.in_memory",
     "Unknot cannot save to this device right now, so your journal is kept in memory until it can.",
     "Unknot ne peut pas enregistrer sur cet appareil pour l’instant\u00a0: votre journal est gardé en mémoire en "
     "attendant."},
    {"journal.read_only",
     "Your journal can be read but not saved to right now. New sessions are kept in memory and saved when it can.",
     "Votre journal peut être lu mais pas enregistré pour l’instant. Les nouvelles séances sont gardées en mémoire et "
     "enregistrées dès que possible."},
    {"journal.write_failed", "Part of your journal could not be saved.",
     "Une partie de votre journal n’a pas pu être enregistrée."},
    {"journal.pending_title", "Not saved yet", "Pas encore enregistré"},
    {"journal.pending",
     "Some of your journal could not be saved (the device may be full). It is kept and will be saved as soon as "
     "possible.",
     "Une partie de votre journal n’a pas pu être enregistrée (l’appareil est peut-être plein). Elle est gardée et "
     "sera enregistrée dès que possible."},
    {"journal.retry", "Try again now", "Réessayer maintenant"},
    {"journal.ok", "OK", "OK"},

    // unknot --watch
    {"watch.errors", "Content errors: {n}", "Erreurs de contenu\u00a0: {n}"},
    {"watch.more", "… and {n} more", "… et {n} de plus"},

    // Problems
    {"problems.title", "Content problems", "Problèmes de contenu"},
    {"problems.error", "Error", "Erreur"},
    {"problems.warning", "Warning", "Avertissement"},
    {"problems.none", "No problems found.", "Aucun problème trouvé."},
    {"problems.more", "… and {n} more: run unknot lint to see them all.",
     "… et {n} de plus\u00a0: lancez unknot lint pour tous les voir."},
};

const std::vector<StringEntry>& stringTable() { return kTable; }

const std::vector<std::string>& uiLanguages() {
    static const std::vector<std::string> langs = {"en", "fr"};
    return langs;
}

//-----------------------------------------------------------------------------
// [SECTION] Lookup and placeholders
//-----------------------------------------------------------------------------
bool isFrench(std::string_view lang) {
    return lang.size() >= 2 && lang[0] == 'f' && lang[1] == 'r' &&
           (lang.size() == 2 || lang[2] == '-' || lang[2] == '_');
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
