/* Default for bl_legacy_event_remove (see link.h): weak, so that
 * src/attach_legacy.c, which removes the tracefs kprobe/uprobe events,
 * replaces it when it lands (then this file goes). No legacy-probe link
 * can exist without attach_legacy.c, so this is never reached. */
#include "link.h"

__attribute__((weak)) int bl_legacy_event_remove(const struct bpf_link *link)
{
	(void)link;
	return 0;
}
