package io.sockscope.cli;

import io.sockscope.model.SocketRecord;
import io.sockscope.render.SsListingWriter;

import java.io.IOException;

/** Where a listing's sockets go, one at a time: ss's table or a JSON stream. */
interface RowWriter {
    void write(SocketRecord socket) throws IOException;

    /** Writes whatever is still buffered and closes the listing. */
    void finish() throws IOException;

    static RowWriter of(SsListingWriter table) {
        return new RowWriter() {
            @Override
            public void write(SocketRecord socket) throws IOException {
                table.write(socket);
            }

            @Override
            public void finish() throws IOException {
                table.finish();
            }
        };
    }
}
