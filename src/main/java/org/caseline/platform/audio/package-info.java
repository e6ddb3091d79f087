/** Telephone audio that several modules handle: G.711 companding. */
@org.springframework.modulith.NamedInterface("audio")
package org.caseline.platform.audio;
