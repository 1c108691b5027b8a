package io.sockscope.model;

/**
 * One classic BPF instruction ({@code struct sock_filter}) of a filter attached to a socket.
 *
 * @param code the opcode
 * @param jt   jump offset when true
 * @param jf   jump offset when false
 * @param k    the constant operand (unsigned)
 */
public record BpfInstruction(int code, int jt, int jf, long k) {
}
