/** An example program on the sockscope library, as a module of its own. */
module io.sockscope.examples.loopbackguard {
    requires io.sockscope;
}
