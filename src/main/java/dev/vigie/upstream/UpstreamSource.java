package dev.vigie.upstream;

/** An upstream JSON source the SWR cache fronts: {@code cache.upstream.sources[] = {name, url}}. */
public record UpstreamSource(String name, String url) {
}
