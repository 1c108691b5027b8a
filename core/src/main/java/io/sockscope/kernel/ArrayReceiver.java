package io.sockscope.kernel;

/**
 * A {@link NetlinkExchange} that receives each datagram straight into a heap array of its own, where
 * {@link DumpLoop} then reads it in place: no native buffer, no copy out of it, and so no use of the
 * foreign-memory API, whose first use costs a fresh JVM about 20 ms.
 */
interface ArrayReceiver {
    /**
     * {@link NetlinkExchange#receive()}, into the returned array: the datagram is its first
     * {@link #receivedLength()} bytes, valid until the next receive or close.
     */
    byte[] receiveArray() throws NetlinkException;

    /** The length of the datagram the last {@link #receiveArray()} returned. */
    int receivedLength();
}
