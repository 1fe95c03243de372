// Runs before first paint (a classic script in <head>): applies the saved theme, or the system's preference.
(function () {
  var saved = null;
  try { saved = localStorage.getItem('theme'); } catch (e) { saved = null; }
  var dark = saved ? saved === 'dark' : window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
