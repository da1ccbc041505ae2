/* SPDX-License-Identifier: MIT */
/**
 * @file vsprintf.c
 * @brief Bounded string formatting: vsnprintf() and snprintf().
 *
 * The format string is walked once.  Literal text is copied; each
 * conversion is parsed into a struct spec (flags, width, precision,
 * length) and then printed by a helper.  All output goes through struct
 * out, which stores what fits, drops the rest and counts everything, so
 * truncation and the C99 return value fall out of one place.
 *
 * Builds both freestanding in the kernel and hosted (for the unit tests),
 * so it uses nothing from <string.h> beyond what kernel/lib/string.c has,
 * and no floating point.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vsprintf.h"

/* %zd reads the signed type matching size_t; on LP64 x86-64 that is long. */
_Static_assert(sizeof(size_t) == sizeof(long), "%zd assumes size_t is long-sized");

/*
 * Not from <limits.h>: GCC's copy of it insists on including the C
 * library's under -nostdinc.  The compiler predefines the value anyway.
 */
#define INT_MAX_ __INT_MAX__

/** The destination buffer and how much has been produced so far. */
struct out {
	char *buf;
	size_t size;   /**< Bytes available in buf, including room for the NUL. */
	size_t len;    /**< Bytes produced, counting those that did not fit. */
};

static void out_char(struct out *o, char c)
{
	/* The last byte of the buffer is kept for the NUL terminator. */
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* Padding is done here in bulk so that a huge width costs no time. */
static void out_repeat(struct out *o, char c, size_t n)
{
	while (n && o->len + 1 < o->size) {
		o->buf[o->len++] = c;
		n--;
	}
	o->len += n;
}

static void out_mem(struct out *o, const char *s, size_t n)
{
	while (n--)
		out_char(o, *s++);
}

/* Flags of a conversion specification. */
#define F_LEFT  0x01 /* '-': pad on the right */
#define F_ZERO  0x02 /* '0': pad numbers with zeros */
#define F_PLUS  0x04 /* '+': print '+' for non-negative signed values */
#define F_SPACE 0x08 /* ' ': print ' ' for non-negative signed values */
#define F_ALT   0x10 /* '#': "0x" prefix for %x, leading 0 for %o */

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T };

/** One parsed conversion specification, e.g. "%-08.3lx". */
struct spec {
	unsigned int flags;
	size_t width;      /**< Minimum field width; 0 if none. */
	int prec;          /**< Precision; -1 if none. */
	enum length len;
};

/*
 * Print an integer given as sign + magnitude.  Splitting the sign off
 * first is what makes INT_MIN and LLONG_MIN work: their magnitude does not
 * fit the signed type but does fit unsigned long long.
 *
 * The field is laid out as [pad][sign][prefix][zeros][digits][pad].
 */
static void out_number(struct out *o, const struct spec *sp,
                       unsigned long long mag, bool neg, bool is_signed,
                       unsigned int base, bool upper, bool force_prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];       /* 2^64 - 1 needs 22 octal digits */
	size_t nd = 0, zeros, total, pad;
	const char *prefix = "";
	char sign = 0;

	/* Digits come out least significant first; they're printed reversed. */
	if (mag && base == 16 && ((sp->flags & F_ALT) || force_prefix))
		prefix = upper ? "0X" : "0x";
	else if (force_prefix)
		prefix = "0x";
	for (; mag; mag /= base)
		tmp[nd++] = digits[mag % base];

	/*
	 * Precision is the minimum number of digits (default 1).  Note that
	 * zero with precision 0 prints no digits at all, as C requires.
	 */
	{
		size_t want = sp->prec < 0 ? 1 : (size_t)sp->prec;

		zeros = want > nd ? want - nd : 0;
	}
	/* "%#o" must start with a 0; add one unless the padding already does. */
	if (base == 8 && (sp->flags & F_ALT) && zeros == 0)
		zeros = 1;

	if (neg)
		sign = '-';
	else if (is_signed && (sp->flags & F_PLUS))
		sign = '+';
	else if (is_signed && (sp->flags & F_SPACE))
		sign = ' ';

	total = (sign ? 1 : 0) + strlen(prefix) + zeros + nd;
	pad = sp->width > total ? sp->width - total : 0;

	/* Zero padding goes after the sign; C ignores it with '-' or a precision. */
	if (!(sp->flags & F_LEFT) && (sp->flags & F_ZERO) && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!(sp->flags & F_LEFT))
		out_repeat(o, ' ', pad);
	if (sign)
		out_char(o, sign);
	out_mem(o, prefix, strlen(prefix));
	out_repeat(o, '0', zeros);
	while (nd)
		out_char(o, tmp[--nd]);
	if (sp->flags & F_LEFT)
		out_repeat(o, ' ', pad);
}

/* Print n bytes of s, padded to the field width (always with spaces). */
static void out_field(struct out *o, const struct spec *sp,
                      const char *s, size_t n)
{
	size_t pad = sp->width > n ? sp->width - n : 0;

	if (!(sp->flags & F_LEFT))
		out_repeat(o, ' ', pad);
	out_mem(o, s, n);
	if (sp->flags & F_LEFT)
		out_repeat(o, ' ', pad);
}

/*
 * Fetch a signed argument of the size the length modifier says.  Types
 * narrower than int arrive promoted to int and are cut back down here.
 */
static long long get_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH: return (signed char)va_arg(*ap, int);
	case LEN_H:  return (short)va_arg(*ap, int);
	case LEN_L:  return va_arg(*ap, long);
	case LEN_LL: return va_arg(*ap, long long);
	case LEN_Z:  return va_arg(*ap, long);
	case LEN_T:  return va_arg(*ap, ptrdiff_t);
	default:     return va_arg(*ap, int);
	}
}

static unsigned long long get_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:  return va_arg(*ap, unsigned long);
	case LEN_LL: return va_arg(*ap, unsigned long long);
	case LEN_Z:  return va_arg(*ap, size_t);
	case LEN_T:  return (size_t)va_arg(*ap, ptrdiff_t);
	default:     return va_arg(*ap, unsigned int);
	}
}

/* Read a decimal number, saturating at INT_MAX rather than overflowing. */
static int parse_decimal(const char **fmt)
{
	int v = 0;

	for (; **fmt >= '0' && **fmt <= '9'; (*fmt)++) {
		int d = **fmt - '0';

		v = v > (INT_MAX_ - d) / 10 ? INT_MAX_ : v * 10 + d;
	}
	return v;
}

/*
 * Parse one conversion specification after its '%' and print it.
 * Returns a pointer just past it.  *ap is passed by pointer so the caller
 * sees the arguments consumed.
 */
static const char *do_conversion(struct out *o, const char *start,
                                 va_list *ap)
{
	const char *fmt = start + 1;     /* skip the '%' */
	struct spec sp = { .flags = 0, .width = 0, .prec = -1, .len = LEN_NONE };

	for (;; fmt++) {
		if (*fmt == '-')
			sp.flags |= F_LEFT;
		else if (*fmt == '0')
			sp.flags |= F_ZERO;
		else if (*fmt == '+')
			sp.flags |= F_PLUS;
		else if (*fmt == ' ')
			sp.flags |= F_SPACE;
		else if (*fmt == '#')
			sp.flags |= F_ALT;
		else
			break;
	}

	if (*fmt == '*') {
		int w = va_arg(*ap, int);

		fmt++;
		/* A negative width from '*' means '-' plus that width (C99). */
		if (w < 0) {
			sp.flags |= F_LEFT;
			/* -(long long) so that INT_MIN does not overflow */
			sp.width = (size_t)-(long long)w;
		} else {
			sp.width = (size_t)w;
		}
	} else {
		sp.width = (size_t)parse_decimal(&fmt);
	}

	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			int p = va_arg(*ap, int);

			fmt++;
			/* A negative precision from '*' counts as none (C99). */
			sp.prec = p < 0 ? -1 : p;
		} else {
			/* "%.d" means precision 0. */
			sp.prec = parse_decimal(&fmt);
		}
	}

	switch (*fmt) {
	case 'h':
		fmt++;
		sp.len = LEN_H;
		if (*fmt == 'h') {
			fmt++;
			sp.len = LEN_HH;
		}
		break;
	case 'l':
		fmt++;
		sp.len = LEN_L;
		if (*fmt == 'l') {
			fmt++;
			sp.len = LEN_LL;
		}
		break;
	case 'z':
		fmt++;
		sp.len = LEN_Z;
		break;
	case 't':
		fmt++;
		sp.len = LEN_T;
		break;
	}

	switch (*fmt) {
	case '%':
		out_char(o, '%');
		break;

	case 'c': {
		char c = (char)va_arg(*ap, int);

		out_field(o, &sp, &c, 1);
		break;
	}

	case 's': {
		const char *s = va_arg(*ap, const char *);

		if (!s)
			s = "(null)";
		/* With a precision the string need not be NUL-terminated. */
		out_field(o, &sp, s, sp.prec < 0 ? strlen(s) : strnlen(s, (size_t)sp.prec));
		break;
	}

	case 'd':
	case 'i': {
		long long v = get_signed(ap, sp.len);
		/* Negate in unsigned arithmetic: -LLONG_MIN overflows long long. */
		unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v
		                               : (unsigned long long)v;

		out_number(o, &sp, mag, v < 0, true, 10, false, false);
		break;
	}

	case 'u':
		out_number(o, &sp, get_unsigned(ap, sp.len), false, false, 10, false, false);
		break;
	case 'o':
		out_number(o, &sp, get_unsigned(ap, sp.len), false, false, 8, false, false);
		break;
	case 'x':
		out_number(o, &sp, get_unsigned(ap, sp.len), false, false, 16, false, false);
		break;
	case 'X':
		out_number(o, &sp, get_unsigned(ap, sp.len), false, false, 16, true, false);
		break;

	case 'p': {
		/* Always the full 64-bit address, so columns of pointers line up. */
		uintptr_t v = (uintptr_t)va_arg(*ap, void *);

		sp.prec = (int)(2 * sizeof(void *));
		sp.flags &= ~(unsigned int)F_ALT;
		out_number(o, &sp, v, false, false, 16, false, true);
		break;
	}

	case '\0':
		/* The format ends inside the specification: show what there is. */
		out_mem(o, start, (size_t)(fmt - start));
		return fmt;

	default:
		/*
		 * Unknown (or deliberately unsupported, like %n) conversion: copy
		 * it through verbatim so the mistake is visible in the output.
		 */
		out_mem(o, start, (size_t)(fmt + 1 - start));
		break;
	}
	return fmt + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	va_list args;

	/*
	 * Work on a copy: a va_list parameter may be an array type (it is on
	 * x86-64), and &ap would then not be a va_list *.
	 */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt == '%') {
			fmt = do_conversion(&o, fmt, &args);
		} else {
			out_char(&o, *fmt);
			fmt++;
		}
	}
	va_end(args);

	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT_MAX_ ? INT_MAX_ : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
