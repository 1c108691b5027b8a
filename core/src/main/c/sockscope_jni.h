/*
 * The version of the contract between this library and the Java classes that bind it. The Java side
 * refuses a library of another version (left over from an older build) and uses FFM instead.
 */
#ifndef SOCKSCOPE_JNI_H
#define SOCKSCOPE_JNI_H

#define SOCKSCOPE_JNI_ABI 3

#endif
