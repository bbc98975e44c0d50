/* The admin page's behaviour, after Magento_Integration's view/adminhtml/web/js/integration.js:
 * Activate / Reauthorize opens the permissions dialog; Allow either exchanges tokens (the
 * server POSTs the credentials, this page opens the identity link in a popup and polls it
 * every 500 ms until it is closed or reaches the success callback, then reloads the grid) or
 * shows the tokens dialog. No framework, no build step. */
(function () {
  'use strict';

  var body = document.body;
  var formKey = body.getAttribute('data-form-key') || '';
  var successCallbackUrl = body.getAttribute('data-success-callback') || '';
  var gridUrl = body.getAttribute('data-grid-url') || '/admin/admin/integration/';
  var dialog = document.getElementById('integration-popup-container');
  // Magento's popup: the login screen's size plus some buffer, checked every 500 ms (the
  // success callback page closes itself after 1000 ms).
  var POPUP = { width: 680, height: 510, checkEvery: 500 };
  var checker = null;

  function actionUrl(action, id, reauthorize) {
    return gridUrl + action + '/id/' + encodeURIComponent(id) + '/reauthorize/' +
      (reauthorize === '1' ? '1' : '0') + '/?form_key=' + encodeURIComponent(formKey);
  }

  function showDialog(title, html, buttons) {
    document.getElementById('integration-popup-title').textContent = title;
    document.getElementById('integration-popup-content').innerHTML = html;
    var foot = dialog.querySelector('.dialog-foot');
    foot.textContent = '';
    buttons.forEach(function (b) {
      var el = document.createElement('button');
      el.type = 'button';
      el.textContent = b.text;
      el.className = b.className;
      el.addEventListener('click', b.click);
      foot.appendChild(el);
    });
    if (!dialog.open) {
      dialog.showModal();
    }
    var primary = foot.querySelector('.action-primary');
    if (primary) {
      primary.focus();
    }
  }

  function closeDialog() {
    if (dialog.open) {
      dialog.close();
    }
  }

  function failed(error) {
    closeDialog();
    window.alert('Sorry, something went wrong. Please try again later.');
    if (window.console) {
      window.console.log(error);
    }
  }

  function get(url) {
    return fetch(url, {
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'XMLHttpRequest' }
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      if (type.indexOf('application/json') === 0) {
        return response.json().then(function (json) {
          if (json._redirect) {
            window.location.href = json._redirect;
            throw new Error('redirected');
          }
          return json;
        });
      }
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.text();
    });
  }

  /* Until the popup is closed or shows the success callback: then the grid reloads. Reading
   * the location of a popup on the connector's origin throws; that only means "not yet". */
  function watch(popup) {
    if (checker !== null) {
      clearInterval(checker);
    }
    checker = setInterval(function () {
      var done;
      try {
        done = popup.closed || popup.location.href === successCallbackUrl;
      } catch (e) {
        done = popup.closed;
      }
      if (done) {
        clearInterval(checker);
        checker = null;
        closeDialog();
        window.location.reload();
      }
    }, POPUP.checkEvery);
  }

  function tokensExchange(id, name, reauthorize) {
    // Opened on the click itself so that no popup blocker stands in the way; it is sent to the
    // identity link once the credentials have been posted.
    var left = Math.max(0, window.screen.width - POPUP.width - 30);
    var top = Math.max(0, window.screen.height - POPUP.height - 300);
    var popup = window.open('', '', 'top=' + top + ', left=' + left + ', width=' + POPUP.width +
      ', height=' + POPUP.height + ',scrollbars=no');
    if (!popup) {
      window.alert('Popup Blocker is enabled! Please add this site to your exception list.');
      return;
    }
    get(actionUrl('tokensExchange', id, reauthorize)).then(function (result) {
      if (!result.identity_link_url || !result.oauth_consumer_key || !result.popup_content) {
        popup.close();
        showDialog(name, typeof result === 'string' ? result : '', [
          { text: 'Done', className: 'action-primary', click: function () { window.location.href = gridUrl; } }
        ]);
        return;
      }
      var query = new URLSearchParams({
        oauth_consumer_key: result.oauth_consumer_key,
        success_call_back: successCallbackUrl
      }).toString();
      var link = result.identity_link_url;
      popup.location.href = link + (link.indexOf('?') === -1 ? '?' : '&') + query;
      showDialog(name, result.popup_content, []);
      watch(popup);
    }).catch(function (error) {
      popup.close();
      if (error.message !== 'redirected') {
        failed(error);
      }
    });
  }

  function tokensDialog(id, name, reauthorize) {
    get(actionUrl('tokensDialog', id, reauthorize)).then(function (html) {
      showDialog(name, html, [
        { text: 'Done', className: 'action-primary', click: function () { window.location.href = gridUrl; } }
      ]);
    }).catch(function (error) {
      if (error.message !== 'redirected') {
        failed(error);
      }
    });
  }

  function permissions(button) {
    var id = button.getAttribute('data-row-id');
    var name = button.getAttribute('data-row-name');
    var reauthorize = button.getAttribute('data-row-is-reauthorize');
    var exchange = button.getAttribute('data-row-is-token-exchange') === '1';
    get(actionUrl('permissionsDialog', id, reauthorize)).then(function (html) {
      showDialog(name, html, [
        { text: 'Cancel', className: 'action-secondary', click: closeDialog },
        {
          text: reauthorize === '1' ? 'Reauthorize' : 'Allow',
          className: 'action-primary',
          click: function () {
            closeDialog();
            if (exchange) {
              tokensExchange(id, name, reauthorize);
            } else {
              tokensDialog(id, name, reauthorize);
            }
          }
        }
      ]);
    }).catch(function (error) {
      if (error.message !== 'redirected') {
        failed(error);
      }
    });
  }

  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) {
      return;
    }
    var activate = target.closest('[data-row-dialog="permissions"]');
    if (activate) {
      event.preventDefault();
      permissions(activate);
      return;
    }
    if (target.closest('[data-dialog-cancel]')) {
      closeDialog();
    }
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  /* The API tab: "All" hides the tree; a checked node checks what is under it and what it is
   * under, an unchecked one unchecks what is under it. */
  var all = document.getElementById('all_resources');
  var tree = document.getElementById('resource-tree');
  if (all && tree) {
    all.addEventListener('change', function () {
      tree.hidden = all.value === '1';
    });
    tree.addEventListener('change', function (event) {
      var box = event.target;
      if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') {
        return;
      }
      var item = box.closest('li');
      item.querySelectorAll('input[type=checkbox]').forEach(function (child) {
        child.checked = box.checked;
      });
      if (box.checked) {
        var parent = item.parentElement.closest('li');
        while (parent) {
          var own = parent.querySelector(':scope > label > input[type=checkbox]');
          if (own) {
            own.checked = true;
          }
          parent = parent.parentElement.closest('li');
        }
      }
    });
  }
}());
