// The theme button: light or dark, saying which one a press switches to.
import { setText } from '../dom.js';
import { currentTheme, setTheme } from '../theme.js';

/** @param {HTMLButtonElement} button */
export function installThemeToggle(button) {
  const show = () => {
    const dark = currentTheme() === 'dark';
    button.setAttribute('aria-pressed', String(dark));
    setText(button, dark ? 'Light theme' : 'Dark theme');
  };
  button.addEventListener('click', () => {
    setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
    show();
  });
  show();
}
