package org.protocolregistry.fhir;

import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;

/** HAPI's R4 context, built once per JVM (it is expensive); parsers are cheap and made per use. */
public final class FhirJson {

    /** The FHIR JSON media type (FHIR R4, section 3.1.0.1.6 "Mime types"). */
    public static final String MEDIA_TYPE = "application/fhir+json";

    /** Thread-safe and shared: {@link FhirContext#forR4Cached()} returns the same instance each time. */
    public static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private FhirJson() {
    }

    /** The resource as FHIR JSON (a new parser per call: HAPI parsers are not meant to be shared). */
    public static String encode(IBaseResource resource) {
        return CONTEXT.newJsonParser().encodeResourceToString(resource);
    }
}
