package dev.cadbridge.sonoran;

/** The two generations of the Sonoran CAD API. V2 is current; V1 is the legacy {@code type}-string API. */
public enum ApiGeneration {
    V1,
    V2
}
