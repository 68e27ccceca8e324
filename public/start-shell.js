// The start shell (docs/architecture.md, "Start-up and lazy loading"): a classic script that runs
// before the first paint, so that a vault that opens with its passphrase shows a lock form at once,
// without waiting for the app's JavaScript. It only reads localStorage (nothing secret):
//   omamori.start        'lock' when the last start showed the passphrase lock screen
//                        (written by src/ui/onboarding/start-shell.ts);
//   omamori.preferences  the theme chosen in Settings → Appearance (src/ui/shared/preferences.ts);
//   omamori.locale       the language chosen, else the browser's (src/messages/translate.ts).
// <omamori-app> shows the form (index.html) until its own screen is ready, and <omamori-unlock>
// takes over what was typed. A plain file in public/: it must run before any module script.
(function () {
  var root = document.documentElement;
  try {
    var prefs = JSON.parse(localStorage.getItem('omamori.preferences') || '{}');
    if (prefs && (prefs.theme === 'light' || prefs.theme === 'dark')) root.setAttribute('data-theme', prefs.theme);
    var lang = localStorage.getItem('omamori.locale');
    if (lang !== 'en' && lang !== 'ja') {
      lang = 'en';
      var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
      for (var i = 0; i < langs.length; i++) {
        var base = String(langs[i]).toLowerCase().split('-')[0];
        if (base === 'ja' || base === 'en') {
          lang = base;
          break;
        }
      }
    }
    root.lang = lang;
    if (localStorage.getItem('omamori.start') === 'lock') root.setAttribute('data-start', 'lock');
  } catch {
    // No storage (private mode, refused): no shell; the app starts as before.
  }
  // Enter in the shell's form before the app is there: kept for the app (the CSP allows no form
  // submission anyway), which unlocks with what was typed as soon as it takes over.
  document.addEventListener(
    'submit',
    function (event) {
      var form = event.target;
      if (form && form.id === 'start-shell-form') {
        event.preventDefault();
        form.setAttribute('data-submitted', 'true');
      }
    },
    true,
  );
})();
