package dev.vigie.download;

/**
 * What a transfer knows of itself at one moment: bytes on disk, the archive's size (-1 until the source says),
 * the rate over the last progress interval, and whether it resumed a partial file with a Range request.
 */
record TransferProgress(long bytes, long total, double bytesPerSecond, boolean resumed) {
}
