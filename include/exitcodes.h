/* Exit codes of knead (PRODUCT.md); the values are those of sysexits(3). */
#ifndef KNEAD_EXITCODES_H
#define KNEAD_EXITCODES_H

#define KNEAD_EXIT_OK		0	/* done: completed or stopped by the user */
#define KNEAD_EXIT_USAGE	64	/* bad command line */
#define KNEAD_EXIT_DATAERR	65	/* invalid routine data */
#define KNEAD_EXIT_NOINPUT	66	/* routine or file not found */
#define KNEAD_EXIT_SOFTWARE	70	/* internal error */
#define KNEAD_EXIT_IOERR	74	/* history store unusable */
#define KNEAD_EXIT_TEMPFAIL	75	/* refused by a rest limit */

#endif
