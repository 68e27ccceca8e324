// Start shell (docs/architecture.md, "Start-up and lazy loading"): runs before the first paint;
// not minified, so kept short. Reads localStorage only: theme, language, omamori.start.
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
    // No storage: no shell, the app starts as before.
  }
  // Enter before the app is there: kept for <omamori-unlock> (the CSP allows no form submission).
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
