/* Where knead's loadable files are (see moddirs.h). */
#include "moddirs.h"

#include <sys/stat.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Where the release build's modules are, from ./knead in the tree. */
#ifndef KNEAD_TREE_MODDIR
#define KNEAD_TREE_MODDIR	"build/rel"
#endif

int
moddirs(char dirs[MODDIRS_MAX][PATH_MAX])
{
	char	exe[PATH_MAX], *slash;
	ssize_t	n;
	int	nd = 0;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(dirs[nd++], PATH_MAX, "%s", exe);
			/* make B=/elsewhere: the folder itself. */
			if (KNEAD_TREE_MODDIR[0] == '/')
				snprintf(dirs[nd++], PATH_MAX, "%s",
				    KNEAD_TREE_MODDIR);
			else if (snprintf(dirs[nd], PATH_MAX, "%s/%s", exe,
			    KNEAD_TREE_MODDIR) < PATH_MAX)
				nd++;
			/* Installed: PREFIX/bin/knead, PREFIX/lib/knead. */
			if (snprintf(dirs[nd], PATH_MAX, "%s/../lib/knead",
			    exe) < PATH_MAX)
				nd++;
		}
	}
	snprintf(dirs[nd++], PATH_MAX, "%s", KNEAD_LIBDIR);
	return nd;
}

int
moddirs_find(const char *file, char *path, size_t len)
{
	char		dirs[MODDIRS_MAX][PATH_MAX];
	struct stat	sb;
	int		nd, i;

	nd = moddirs(dirs);
	for (i = 0; i < nd; i++) {
		if ((size_t)snprintf(path, len, "%s/%s", dirs[i], file) < len &&
		    stat(path, &sb) == 0)
			return 0;
	}
	return -1;
}
