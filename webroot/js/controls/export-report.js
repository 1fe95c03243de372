// Export Report: downloads the server's report with this page's storage and log (see report.js).
import { buildReport, download } from '../report.js';

/**
 * @param {HTMLButtonElement} button
 * @param {{log, connection}} page
 */
export function installExportReport(button, { log, connection }) {
  button.addEventListener('click', async () => {
    const { report, fileName } = await buildReport(log, connection.state);
    download(fileName, report);
    log.client(`Report exported as ${fileName}${report.serverError ? ` (server report unavailable: ${report.serverError.message})` : ''}`,
      report.serverError ? 'warning' : 'info');
  });
}
