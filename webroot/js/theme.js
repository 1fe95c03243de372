// Light or dark, kept in localStorage under "theme" (one of the keys Clear Caches keeps). The first paint reads
// it in index.html's first script so the page never flashes the wrong theme.
export function currentTheme() {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

export function setTheme(theme) {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem('theme', theme);
  document.dispatchEvent(new Event('themechange'));
}
