package org.protocolregistry.protocol.document;

import java.util.List;

import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.api.Violation;

/** The request body is not a protocol document: malformed JSON, a wrong type, an unknown field or code. */
public final class InvalidDocumentException extends ProblemException {

    public InvalidDocumentException(Violation violation) {
        super(ProblemType.INVALID_DOCUMENT,
                "The request body is not a valid protocol document: " + violation.message()
                        + " (at \"" + violation.pointer() + "\").",
                List.of(violation));
    }
}
