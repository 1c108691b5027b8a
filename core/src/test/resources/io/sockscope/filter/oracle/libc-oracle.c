/*
 * Asks the C library the questions ss's filter code asks it, to produce fixtures for sockscope's Java
 * re-implementations. Deliberately does not call setlocale(): ss runs in the C locale.
 *
 *   libc-oracle fnmatch N SEED    random (pattern, name) pairs and fnmatch(pattern, name, FNM_CASEFOLD)
 *   libc-oracle numbers N SEED    random words and strtoul/strtol (base 0), sscanf "%i", "%i/%i", "if%u"
 *   libc-oracle pton6 N SEED      random words and inet_pton(AF_INET6)
 *   libc-oracle hosts NAME...     gethostbyname2(NAME, AF_INET) and (NAME, AF_INET6)
 *
 * Byte strings are printed as hex so that any byte survives the round trip.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fnmatch.h>
#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint32_t next_random(void)
{
	/* xorshift64*: fixed, portable, good enough to spread test cases. */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (uint32_t)((state * 2685821657736338717ULL) >> 32);
}

static unsigned pick(unsigned n)
{
	return next_random() % n;
}

static void hex(const char *s)
{
	if (!*s)
		putchar('-');
	for (; *s; s++)
		printf("%02x", (unsigned char)*s);
}

static void append(char *buf, size_t cap, const char *piece)
{
	size_t len = strlen(buf);

	if (len + strlen(piece) < cap)
		strcat(buf, piece);
}

static void random_word(char *buf, size_t cap, const char *const *pieces, unsigned npieces, unsigned maxlen)
{
	unsigned n = pick(maxlen + 1);

	buf[0] = 0;
	for (unsigned i = 0; i < n; i++)
		append(buf, cap, pieces[pick(npieces)]);
}

/* A name built from the pattern so that a good share of pairs match: literals kept (case flipped at
 * random), wildcards and brackets replaced by something they may accept. */
static void likely_match(const char *p, char *s, size_t cap, const char *const *str, unsigned nstr)
{
	s[0] = 0;
	for (; *p; p++) {
		char one[2] = { 0, 0 };

		if (*p == '*') {
			for (unsigned k = pick(3); k; k--)
				append(s, cap, str[pick(nstr)]);
			continue;
		}
		if (*p == '?') {
			append(s, cap, str[pick(nstr)]);
			continue;
		}
		if (*p == '[') {
			const char *q = p + 1;

			while (*q == '!' || *q == '^' || *q == '[' || *q == ':' || *q == '=' || *q == '.')
				q++;
			one[0] = *q ? *q : '[';
			append(s, cap, one);
			while (*p && *p != ']')
				p++;
			if (!*p)
				break;
			continue;
		}
		if (*p == '\\' && p[1])
			p++;
		one[0] = *p;
		if (pick(2) && one[0] >= 'a' && one[0] <= 'z')
			one[0] -= 32;
		append(s, cap, one);
	}
}

static void cmd_fnmatch(int n)
{
	static const char *const pat[] = {
		"a", "b", "A", "B", "z", "Z", "@", "/", ".", "-", "*", "*", "?", "[", "]", "!", "^", "\\", ":",
		"=", "[a-c]", "[!a]", "[^b]", "[]a]", "[A-Z]", "[z-a]", "[[:alpha:]]", "[[:upper:]]",
		"[[:lower:]]", "[[:digit:]]", "[[:foo:]]", "[[:zz:]]", "[[=a=]]", "[[.a.]]", "[[.-.]-z]", "[a-",
		"[\\]]", "[\\", "\\*", "\\[", "1", "9", "[0-9]", "[[:alnum:]_]", "[-a]", "[a-]", "[!]]",
		"[[:space:]]", "[[:punct:]]", "[[=A=]]", "[[.ab.]]", "[[:", "[[=", "[[.",
	};
	static const char *const str[] = {
		"a", "b", "A", "B", "z", "Z", "@", "/", ".", "-", "[", "]", "!", "^", "\\", ":", "=", "1", "9",
		"_", " ", "*", "?", "\xc3", "\xa9",
	};
	char p[128], s[64];

	for (int i = 0; i < n; i++) {
		random_word(p, sizeof(p), pat, sizeof(pat) / sizeof(pat[0]), 6);
		if (i % 2)
			random_word(s, sizeof(s), str, sizeof(str) / sizeof(str[0]), 6);
		else
			likely_match(p, s, sizeof(s), str, sizeof(str) / sizeof(str[0]));
		hex(p);
		putchar('\t');
		hex(s);
		printf("\t%d\n", fnmatch(p, s, FNM_CASEFOLD) == 0);
	}
}

static void cmd_numbers(int n)
{
	static const char *const pieces[] = {
		"0", "1", "7", "8", "9", "x", "X", "a", "f", "F", "g", "+", "-", " ", "\t", "\n", "/", "0x",
		"255", "65535", "4294967295", "4294967296", "18446744073709551615", "18446744073709551616",
		"9223372036854775807", "9223372036854775808", "2147483647", "2147483648", "if", ".",
	};
	char w[128];

	for (int i = 0; i < n; i++) {
		char *end;
		unsigned long ul;
		long l;
		int e1, e2, a = 0, b = 0, c1, c2, c3;
		unsigned u = 0;

		random_word(w, sizeof(w), pieces, sizeof(pieces) / sizeof(pieces[0]), 4);
		hex(w);
		errno = 0;
		ul = strtoul(w, &end, 0);
		e1 = errno == ERANGE;
		printf("\t%lu %ld %d", ul, (long)(end - w), e1);
		errno = 0;
		l = strtol(w, &end, 0);
		e2 = errno == ERANGE;
		printf("\t%ld %ld %d", l, (long)(end - w), e2);
		c1 = sscanf(w, "%i", &a);
		printf("\t%d %d", c1, c1 == 1 ? a : 0);
		a = b = 0;
		c2 = sscanf(w, "%i/%i", &a, &b);
		printf("\t%d %d %d", c2, c2 == 2 ? a : 0, c2 == 2 ? b : 0);
		c3 = sscanf(w, "if%u", &u);
		printf("\t%d %u\n", c3, c3 == 1 ? u : 0);
	}
}

static void cmd_pton6(int n)
{
	static const char *const pieces[] = {
		"0", "1", "a", "F", "ffff", "12345", ":", ":", "::", ".", "1.2.3.4", "255", "256", "01", "g", "%",
		"2001", "db8", "0:0", "::1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", "::ffff:", "1.2.3", " ",
	};
	char w[128];

	for (int i = 0; i < n; i++) {
		unsigned char out[16];

		random_word(w, sizeof(w), pieces, sizeof(pieces) / sizeof(pieces[0]), 6);
		hex(w);
		if (inet_pton(AF_INET6, w, out) == 1) {
			putchar('\t');
			for (int k = 0; k < 16; k++)
				printf("%02x", out[k]);
			putchar('\n');
		} else {
			printf("\t-\n");
		}
	}
}

static void cmd_hosts(int argc, char **argv)
{
	static const int families[] = { AF_INET, AF_INET6 };

	for (int i = 0; i < argc; i++) {
		for (int f = 0; f < 2; f++) {
			struct hostent *he = gethostbyname2(argv[i], families[f]);
			char text[INET6_ADDRSTRLEN];

			if (!he)
				continue;
			for (char **a = he->h_addr_list; *a; a++)
				printf("%s\t%s\t%s\n", argv[i], he->h_addrtype == AF_INET ? "v4" : "v6",
				       inet_ntop(he->h_addrtype, *a, text, sizeof(text)));
		}
	}
}

int main(int argc, char **argv)
{
	if (argc >= 4)
		state = strtoull(argv[3], NULL, 0) | 1;
	if (argc >= 4 && !strcmp(argv[1], "fnmatch"))
		cmd_fnmatch(atoi(argv[2]));
	else if (argc >= 4 && !strcmp(argv[1], "numbers"))
		cmd_numbers(atoi(argv[2]));
	else if (argc >= 4 && !strcmp(argv[1], "pton6"))
		cmd_pton6(atoi(argv[2]));
	else if (argc >= 3 && !strcmp(argv[1], "hosts"))
		cmd_hosts(argc - 2, argv + 2);
	else {
		fprintf(stderr, "usage: libc-oracle fnmatch|numbers|pton6 N SEED | hosts NAME...\n");
		return 2;
	}
	return 0;
}
