/**
 * sockscope, the library: the kernel's socket tables over sock_diag netlink as immutable values. Only
 * {@code io.sockscope.api} is exported; everything else is the implementation, open to the sockscope command
 * (which runs on the class path) and to nobody else.
 */
module io.sockscope {
    exports io.sockscope.api;
}
