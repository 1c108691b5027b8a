package io.sockscope.api;

import io.sockscope.query.QueryFailedException;

/**
 * The library's exception for each reason the engine gives ({@link QueryFailedException#reason()}): the one
 * place a refusal becomes a {@link PermissionDeniedException}, for the check {@link SocketInspector#open()}
 * makes and for every dump alike. The engine's message and cause are kept.
 */
final class FailureMapping {
    private FailureMapping() {
    }

    static SockscopeException of(QueryFailedException e) {
        return switch (e.reason()) {
            case PERMISSION_DENIED -> new PermissionDeniedException(e.getMessage(), e.getCause());
            case UNAVAILABLE -> new NetlinkUnavailableException(e.getMessage(), e.getCause());
            case DUMP_FAILED -> new SocketDumpException(e.getMessage(), e.getCause());
        };
    }
}
